import { normalizeIdentifier } from './normalizeIdentifier.js';

/** Card digits without spaces or dashes. */
export function normalizeBankCard(value: string): string {
  return normalizeIdentifier(value);
}

/** True when a digit string passes the Luhn (mod 10) check. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** True for a 16–19 digit card number that passes Luhn. */
export function isValidBankCard(value: string): boolean {
  const digits = normalizeBankCard(value);
  return /^\d{16,19}$/.test(digits) && passesLuhn(digits);
}
