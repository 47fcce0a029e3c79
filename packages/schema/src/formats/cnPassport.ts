import { normalizeIdentifier } from './normalizeIdentifier.js';

const PASSPORT = /^(?:G\d{8}|E(?![IO])[A-Z0-9]\d{7})$/;

/** Upper-cased passport number without spaces or dashes. */
export function normalizeCnPassport(value: string): string {
  return normalizeIdentifier(value);
}

/** True for the shape of a PRC passport number (`G12345678`, `EA1234567`); it has no check digit. */
export function isValidCnPassport(value: string): boolean {
  return PASSPORT.test(normalizeCnPassport(value));
}
