import { MASK_FITS } from '@veil/schema';
import type { MaskContext, MaskStyle } from '../maskStyle.js';
import { REDACTED } from '../maskText.js';

// The year as written, so a date-time's time zone never moves it: 1990-05-17,
// 1990/5/17, 1990.05.17, 1990年5月17日, 1990-05-17T08:00:00Z, 19900517, 1990.
const LEADING_YEAR = /^\s*(\d{4})(?:[-/.年T\s]|\d{4}\s*$|\s*$)/;
// Day-first or month-first dates: 17.05.1990, 05/17/1990.
const TRAILING_YEAR = /^\s*\d{1,2}[-/.]\d{1,2}[-/.](\d{4})\s*$/;

function yearOfText(text: string): number | undefined {
  const match = LEADING_YEAR.exec(text) ?? TRAILING_YEAR.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function yearOfNumber(n: number): number | undefined {
  if (!Number.isFinite(n)) return undefined;
  // A small integer is already a year; anything larger is epoch milliseconds.
  if (Number.isInteger(n) && Math.abs(n) < 10_000) return n > 0 ? n : undefined;
  const year = new Date(n).getUTCFullYear();
  return Number.isNaN(year) ? undefined : year;
}

function yearOf(value: unknown): number | undefined {
  if (typeof value === 'string') return yearOfText(value);
  if (typeof value === 'number') return yearOfNumber(value);
  if (value instanceof Date) return yearOfNumber(value.getTime());
  return undefined;
}

function formatYear(year: number, ctx: MaskContext): string {
  return ctx.locale === 'zh-CN' ? `${year}年` : String(year);
}

/**
 * A date shown as its year: `1990` in English, `1990年` in Chinese. Text dates keep the
 * year as written; numbers are epoch milliseconds (UTC) unless they are already a year
 * (an integer below 10000). An empty string stays empty; anything else is redacted.
 */
export const yearMask: MaskStyle<'year'> = {
  style: 'year',
  fits: (kind) => MASK_FITS.year.includes(kind),
  apply(value, _mask, ctx) {
    if (value === '') return '';
    const year = yearOf(value);
    return year === undefined ? REDACTED : formatYear(year, ctx);
  },
  compile: (mask, ctx) => (value) => yearMask.apply(value, mask, ctx),
};
