import { normalizeIdentifier } from './normalizeIdentifier.js';

const HKID = /^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$/;

/** Upper-cased Hong Kong ID in its printed form `A123456(3)`, or undefined when the shape is wrong. */
export function normalizeHkId(value: string): string | undefined {
  const match = HKID.exec(normalizeIdentifier(value));
  return match ? `${match[1]}${match[2]}(${match[3]})` : undefined;
}

/** The check character of a Hong Kong ID's letters and six digits. */
export function hkIdCheckChar(letters: string, digits: string): string {
  const padded = letters.length === 1 ? ` ${letters}` : letters;
  const values = [...padded].map((c) => (c === ' ' ? 36 : c.charCodeAt(0) - 55));
  for (const d of digits) values.push(Number(d));
  let sum = 0;
  values.forEach((v, i) => {
    sum += v * (9 - i);
  });
  const r = sum % 11;
  return r === 0 ? '0' : r === 1 ? 'A' : String(11 - r);
}

/** True for a Hong Kong identity card number whose check character matches (brackets optional). */
export function isValidHkId(value: string): boolean {
  const match = HKID.exec(normalizeIdentifier(value));
  if (!match) return false;
  return hkIdCheckChar(match[1] ?? '', match[2] ?? '') === match[3];
}
