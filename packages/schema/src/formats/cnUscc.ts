import { normalizeIdentifier } from './normalizeIdentifier.js';

/** GB 32100 alphabet: a character's value is its index (no I, O, S, V, Z). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Upper-cased unified social credit code without spaces or dashes. */
export function normalizeCnUscc(value: string): string {
  return normalizeIdentifier(value);
}

/** The GB 32100 check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i] ?? '') * (WEIGHTS[i] ?? 0);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

/** True for an 18-character unified social credit code whose check character matches. */
export function isValidCnUscc(value: string): boolean {
  const code = normalizeCnUscc(value);
  return USCC.test(code) && usccCheckChar(code) === code[17];
}
