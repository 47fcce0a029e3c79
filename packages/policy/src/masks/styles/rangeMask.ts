import type { RangeMask } from '@veil/schema';
import { MASK_FITS } from '@veil/schema';
import { formatAmount } from '../formatAmount.js';
import { toWellFormed } from '../graphemes.js';
import type { MaskContext, MaskStyle } from '../maskStyle.js';
import { REDACTED } from '../maskText.js';

/** A range mask compiled for one locale: sorted finite bounds and one label per bucket. */
interface RangeLabels {
  bounds: number[];
  /** `labels[i]` is the bucket holding values with exactly `i` bounds ≤ value. */
  labels: string[];
}

const CURRENCY_SYMBOL = /^\p{Sc}$/u;
const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const NUMERIC_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i;

/** Currency units written in the reader's language: `CNY` reads 元 in Chinese, `元` reads CNY in English. */
const UNIT_NAMES: Readonly<Record<string, Record<MaskContext['locale'], string>>> = {
  CNY: { 'zh-CN': '元', en: 'CNY' },
  RMB: { 'zh-CN': '元', en: 'CNY' },
  元: { 'zh-CN': '元', en: 'CNY' },
  人民币: { 'zh-CN': '元', en: 'CNY' },
  USD: { 'zh-CN': '美元', en: 'USD' },
  美元: { 'zh-CN': '美元', en: 'USD' },
  EUR: { 'zh-CN': '欧元', en: 'EUR' },
  欧元: { 'zh-CN': '欧元', en: 'EUR' },
  HKD: { 'zh-CN': '港元', en: 'HKD' },
  港元: { 'zh-CN': '港元', en: 'HKD' },
};

/**
 * Labels: `< 10万`, `10万–50万`, `≥ 100万`. A unit that is a currency symbol prefixes each
 * amount (`$100k–$500k`); a Chinese unit follows without a space (`10万–50万元`); any
 * other unit follows after a space (`100k–500k CNY`). Known currencies are named in the reader's
 * language first (`UNIT_NAMES`).
 */
function compileLabels(mask: RangeMask, locale: MaskContext['locale']): RangeLabels {
  const given: unknown[] = Array.isArray(mask.bounds) ? mask.bounds : [];
  const bounds = [
    ...new Set(given.filter((b): b is number => typeof b === 'number' && Number.isFinite(b))),
  ].sort((a, b) => a - b);
  const written = toWellFormed((mask.unit ?? '').trim());
  const unit = UNIT_NAMES[written.toUpperCase()]?.[locale] ?? UNIT_NAMES[written]?.[locale] ?? written;
  const symbol = CURRENCY_SYMBOL.test(unit);
  const amount = (n: number) => (symbol ? unit : '') + formatAmount(n, locale);
  const suffix = unit === '' || symbol ? '' : CJK_START.test(unit) ? unit : ` ${unit}`;
  const labels: string[] = [];
  if (bounds.length > 0) {
    labels.push(`< ${amount(bounds[0] ?? 0)}${suffix}`);
    for (let i = 1; i < bounds.length; i++) {
      labels.push(`${amount(bounds[i - 1] ?? 0)}–${amount(bounds[i] ?? 0)}${suffix}`);
    }
    labels.push(`≥ ${amount(bounds[bounds.length - 1] ?? 0)}${suffix}`);
  }
  return { bounds, labels };
}

// Parsed masks are immutable and long-lived, so their labels are compiled once per locale.
const compiled = new WeakMap<RangeMask, Partial<Record<MaskContext['locale'], RangeLabels>>>();

function labelsFor(mask: RangeMask, locale: MaskContext['locale']): RangeLabels {
  let byLocale = compiled.get(mask);
  if (byLocale === undefined) {
    byLocale = {};
    compiled.set(mask, byLocale);
  }
  let labels = byLocale[locale];
  if (labels === undefined) {
    labels = compileLabels(mask, locale);
    byLocale[locale] = labels;
  }
  return labels;
}

/** Number of bounds ≤ n: a bound belongs to the bucket above it. */
function bucketOf(bounds: readonly number[], n: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bounds[mid] ?? 0) <= n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return Number(value);
  return Number.NaN;
}

/**
 * The bucket a number falls in, between ascending `bounds`: `< 10万`, `10万–50万`,
 * `≥ 100万` in Chinese, `< 100k`, `100k–500k`, `≥ 1M` in English. A bound belongs to the
 * bucket above it. Numeric strings count as numbers; anything else is redacted.
 */
export const rangeMask: MaskStyle<'range'> = {
  style: 'range',
  fits: (kind) => MASK_FITS.range.includes(kind),
  apply(value, mask, ctx) {
    const n = numberOf(value);
    if (Number.isNaN(n)) return REDACTED;
    const { bounds, labels } = labelsFor(mask, ctx.locale);
    return labels[bucketOf(bounds, n)] ?? REDACTED;
  },
  compile(mask, ctx) {
    const { bounds, labels } = labelsFor(mask, ctx.locale);
    return (value) => {
      const n = typeof value === 'number' ? value : numberOf(value);
      if (Number.isNaN(n)) return REDACTED;
      return labels[bucketOf(bounds, n)] ?? REDACTED;
    };
  },
};
