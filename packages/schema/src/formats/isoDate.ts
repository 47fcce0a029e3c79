import { isRealDate } from './calendarDate.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/** True for an RFC 3339 full-date (`2024-02-29`) naming a real day. */
export function isValidIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True for an RFC 3339 date-time with a time zone (`2024-02-29T08:30:00+08:00`). */
export function isValidIsoDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (m === null || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  const offsetOk = m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
  return hour <= 23 && minute <= 59 && second <= 60 && offsetOk;
}
