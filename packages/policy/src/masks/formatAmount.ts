import type { MaskContext } from './maskStyle.js';

type Scale = readonly (readonly [size: number, suffix: string])[];

// Chinese groups by ten thousands (万, 亿, 万亿); English by thousands.
const SCALES: Record<MaskContext['locale'], Scale> = {
  'zh-CN': [
    [1e12, '万亿'],
    [1e8, '亿'],
    [1e4, '万'],
  ],
  en: [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ],
};

function formatPlain(x: number): string {
  // At most four decimals, trailing zeros dropped: 1.5, 12.3456, 100.
  return String(Number(x.toFixed(4)));
}

/** A compact amount for range labels: zh-CN `10万`, `1.5亿`; en `100k`, `1M`. */
export function formatAmount(n: number, locale: MaskContext['locale']): string {
  const abs = Math.abs(n);
  for (const [size, suffix] of SCALES[locale]) {
    if (abs >= size) return formatPlain(n / size) + suffix;
  }
  return formatPlain(n);
}
