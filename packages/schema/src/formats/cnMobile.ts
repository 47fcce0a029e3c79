import { normalizePhoneNumber } from './normalizeIdentifier.js';

// libphonenumber's CN mobile plan plus the IoT/virtual ranges (PII-FORMATS.md); 154 and 194 are not mobile.
const MOBILE = /^1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}$/;
const MOBILE_IOT = /^1(?:610\d|740[0-5])\d{6}$/;

/** The 11 national digits of a mainland mobile number: `+86 138-1234-5678` → `13812345678`. */
export function normalizeCnMobile(value: string): string {
  const phone = normalizePhoneNumber(value).replace(/[()]/g, '');
  return phone.length === 13 && phone.startsWith('861') ? phone.slice(2) : phone;
}

/** True for a mainland mobile number in the current number plan (IoT ranges included). */
export function isValidCnMobile(value: string): boolean {
  const digits = normalizeCnMobile(value);
  return MOBILE.test(digits) || MOBILE_IOT.test(digits);
}
