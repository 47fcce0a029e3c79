// Placeholder until the formats land: every validator accepts nothing.
export const FORMAT_VALIDATORS: Record<string, (value: string) => boolean> = {
  'cn-mobile': () => false,
  'cn-landline': () => false,
  'cn-resident-id': () => false,
  'cn-uscc': () => false,
  'bank-card': () => false,
  email: () => false,
  date: () => false,
  'date-time': () => false,
};
