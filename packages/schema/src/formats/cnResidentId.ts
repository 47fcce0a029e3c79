import { compactIsoDate, isRealDate } from './calendarDate.js';
import { isCnResidentRegion } from './cnRegion.js';
import { normalizeIdentifier } from './normalizeIdentifier.js';

const ID18 = /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;
const ID15 = /^[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Options of {@link isValidCnResidentId}. */
export interface ResidentIdOptions {
  /** ISO date of today; when given, a birth date after it is refused (the package reads no clock). */
  today?: string;
}

/** Upper-cased resident ID without spaces or dashes: `11010519491231002x` → `11010519491231002X`. */
export function normalizeCnResidentId(value: string): string {
  return normalizeIdentifier(value);
}

/** The GB 11643 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

/**
 * True for an 18-character resident ID (region, real birth date, check character) or a 15-digit
 * legacy one (region, real 19xx birth date; no check digit). Residence permits 810000/820000/830000 pass.
 */
export function isValidCnResidentId(value: string, options: ResidentIdOptions = {}): boolean {
  const id = normalizeCnResidentId(value);
  let birth: string;
  if (ID18.test(id)) {
    if (residentIdCheckChar(id) !== id[17]) return false;
    birth = id.slice(6, 14);
  } else if (ID15.test(id)) {
    birth = `19${id.slice(6, 12)}`;
  } else {
    return false;
  }
  if (!isCnResidentRegion(id.slice(0, 6))) return false;
  if (!isRealDate(Number(birth.slice(0, 4)), Number(birth.slice(4, 6)), Number(birth.slice(6, 8))))
    return false;
  const today = options.today === undefined ? undefined : compactIsoDate(options.today);
  return today === undefined || birth <= today;
}
