import { toHalfWidth } from './normalizeIdentifier.js';

// Area code after the trunk 0: 10 and 2x are two digits, the rest three; then a 7–8 digit local number.
const LANDLINE =
  /^(?:(?:\+86|0086)[ -]?\(?(?<intl>10|2\d|[3-9]\d{2})\)?|\((?<paren>0(?:10|2\d|[3-9]\d{2}))\)|(?<plain>0(?:10|2\d|[3-9]\d{2})))[ -]?(?<local>\d{3,4}[ -]?\d{4})(?:(?:-|转|EXT\.?|X|#) ?(?<ext>\d{1,6}))?$/;

/**
 * Canonical `0AREA-LOCAL` (with `-EXT` when an extension is written) of a mainland landline, or
 * undefined when the value is not one: `(0755) 1234567` → `0755-1234567`.
 */
export function normalizeCnLandline(value: string): string | undefined {
  const match = LANDLINE.exec(toHalfWidth(value).trim().toUpperCase());
  const groups = match?.groups;
  if (!groups) return undefined;
  const area = groups.intl !== undefined ? `0${groups.intl}` : (groups.paren ?? groups.plain ?? '');
  const local = (groups.local ?? '').replace(/[ -]/g, '');
  if (local.length < 7 || local.length > 8) return undefined;
  return groups.ext === undefined ? `${area}-${local}` : `${area}-${local}-${groups.ext}`;
}

/** True for a mainland landline: area code (010, 021, 0755 …), 7–8 digit local number, optional extension. */
export function isValidCnLandline(value: string): boolean {
  return normalizeCnLandline(value) !== undefined;
}
