// Formats that always hold personal data. `cn-uscc` identifies a company, `date` is too generic.
const PERSONAL_FORMATS = new Set(['cn-mobile', 'cn-landline', 'cn-resident-id', 'bank-card', 'email']);

// Whole words (after splitting camelCase, snake_case, kebab-case and spaces).
const PERSONAL_WORDS = new Set([
  'phone',
  'telephone',
  'cellphone',
  'mobile',
  'tel',
  'email',
  'address',
  'addr',
  'passport',
  'ssn',
  'iban',
  'birthday',
  'birthdate',
  'birth',
  'dob',
  'nickname',
  'surname',
  'firstname',
  'lastname',
  'fullname',
  'wechat',
  'weixin',
  'idcard',
  'idno',
]);

// Adjacent word pairs.
const PERSONAL_PAIRS = new Set([
  'id card',
  'id number',
  'id no',
  'resident id',
  'bank card',
  'card number',
  'card no',
]);

// `name` is personal unless it names a thing: `companyName`, `productName`, `stageName` are not.
const THING_QUALIFIERS = new Set([
  'company',
  'org',
  'organization',
  'organisation',
  'product',
  'project',
  'deal',
  'stage',
  'file',
  'brand',
  'template',
  'view',
  'field',
  'role',
  'department',
  'dept',
  'team',
  'branch',
  'bank',
  'shop',
  'store',
  'city',
  'province',
  'region',
  'country',
  'campaign',
  'channel',
  'source',
  'plan',
  'tag',
  'group',
]);

// Substrings in Chinese names and titles. 名称 ("name of a thing") is deliberately absent.
const PERSONAL_CJK = [
  '手机',
  '电话',
  '身份证',
  '证件号',
  '邮箱',
  '电子邮件',
  '地址',
  '住址',
  '银行卡',
  '卡号',
  '护照',
  '姓名',
  '联系人',
  '生日',
  '出生',
  '微信',
];

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

function textLooksPersonal(text: string): boolean {
  if (PERSONAL_CJK.some((s) => text.includes(s))) return true;
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (PERSONAL_WORDS.has(w)) return true;
    const next = ws[i + 1];
    if (next !== undefined && PERSONAL_PAIRS.has(`${w} ${next}`)) return true;
    if (w === 'name') {
      const prev = ws[i - 1];
      if (prev === undefined || !THING_QUALIFIERS.has(prev)) return true;
    }
  }
  return false;
}

/**
 * Whether a field without `x-privacy` looks like it holds personal data, from its property
 * name, its title or its format (see docs/decisions, "schema-parse-looks-personal").
 * Such a field is `confidential` until annotated, and lint says so.
 */
export function looksPersonal(name: string, title?: string, format?: string): boolean {
  if (format !== undefined && PERSONAL_FORMATS.has(format)) return true;
  if (textLooksPersonal(name)) return true;
  return title !== undefined && textLooksPersonal(title);
}
