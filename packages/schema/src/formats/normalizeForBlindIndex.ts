import { normalizeIdentifier, normalizePhoneNumber, toHalfWidth } from './normalizeIdentifier.js';

const PHONE_FORMATS = new Set(['cn-mobile', 'cn-landline', 'phone', 'tel']);
const IDENTIFIER_FORMATS = new Set([
  'cn-resident-id',
  'cn-uscc',
  'bank-card',
  'cn-passport',
  'hk-id',
  'tw-id',
]);

/**
 * The form of a value that a `search: exact` blind index is keyed on, so that equal values written
 * differently match: trim and full-width → half-width always; phone formats drop `+86`/`0086`,
 * spaces and dashes; identifier formats are upper-cased without spaces or dashes; e-mail is lower-cased.
 */
export function normalizeForBlindIndex(format: string | undefined, value: string): string {
  if (format !== undefined && PHONE_FORMATS.has(format)) return normalizePhoneNumber(value);
  if (format !== undefined && IDENTIFIER_FORMATS.has(format)) return normalizeIdentifier(value);
  const half = toHalfWidth(value).trim();
  return format === 'email' ? half.toLowerCase() : half;
}
