import { normalizeIdentifier } from './normalizeIdentifier.js';

const TWID = /^[A-Z][12]\d{8}$/;
// Letter codes A10 … Z33 in alphabetical order (I, O, W, X, Y, Z are out of sequence).
const LETTER_CODES = [
  10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
];
const WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];

/** Upper-cased Taiwan national ID without spaces or dashes. */
export function normalizeTwId(value: string): string {
  return normalizeIdentifier(value);
}

/** True for a Taiwan national ID (`A123456789`) whose weighted sum is divisible by 10. */
export function isValidTwId(value: string): boolean {
  const id = normalizeTwId(value);
  if (!TWID.test(id)) return false;
  const code = LETTER_CODES[id.charCodeAt(0) - 65] ?? 0;
  const digits = [Math.floor(code / 10), code % 10, ...[...id.slice(1)].map(Number)];
  let sum = 0;
  digits.forEach((d, i) => {
    sum += d * (WEIGHTS[i] ?? 0);
  });
  return sum % 10 === 0;
}
