// Mask throughput (@veil/policy maskValue) against a plain string copy of the same values.
// Needs the built package (`pnpm build`): imports packages/policy/dist by relative path.
import { createHmac } from 'node:crypto';
import { compileMask, maskValue } from '../../packages/policy/dist/index.js';
import { medianTime, round } from '../lib/measure.mjs';

export const name = 'masks';

const RANGE = { style: 'range', bounds: [100000, 500000, 1000000], unit: 'CNY' };

// Realistic values per style; `tricky` ones need the grapheme segmenter (emoji, e + U+0301).
const CASES = {
  last4: { mask: { style: 'last4' }, values: (i) => `6222${String(1e15 + i * 7919).slice(1)}` },
  partial: {
    mask: { style: 'partial', keepStart: 3, keepEnd: 4 },
    values: (i) => `13${String(800000000 + ((i * 7919) % 199999999)).slice(0, 9)}`,
  },
  email: { mask: { style: 'email' }, values: (i) => `customer${i}@example${i % 7}.com` },
  'name (zh)': { mask: { style: 'name' }, values: (i) => ['张伟', '欧阳娜娜', '李小龙', '司马相如'][i % 4] },
  'name (en)': { mask: { style: 'name' }, values: (i) => ['John Doe', 'Ada Lovelace', 'Marie Curie'][i % 3] },
  range: { mask: RANGE, values: (i) => (i * 37_171) % 2_000_000 },
  year: { mask: { style: 'year' }, values: (i) => `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}` },
  initials: { mask: { style: 'initials' }, values: (i) => ['John Ronald Tolkien', '张三丰'][i % 2] },
  hash: { mask: { style: 'hash' }, values: (i) => `13${800000000 + i}` },
  redact: { mask: { style: 'redact' }, values: (i) => `note ${i}` },
  'partial (emoji)': {
    mask: { style: 'partial', keepStart: 1, keepEnd: 1 },
    values: (i) => `${['👍🏽', '👨‍👩‍👧', '🇨🇳'][i % 3]}客户${i}e\u0301`,
  },
};

const ctx = {
  locale: 'zh-CN',
  hashToken: (value) => createHmac('sha256', 'bench-key').update(value).digest('hex'),
};

const datasets = new Map();
function dataset(size) {
  let data = datasets.get(size);
  if (!data) {
    const perCase = Math.max(1, Math.ceil(size / Object.keys(CASES).length));
    data = Object.entries(CASES).map(([label, { mask, values }]) => ({
      label,
      mask,
      values: Array.from({ length: perCase }, (_, i) => values(i)),
    }));
    datasets.set(size, data);
  }
  return data;
}

// Reported apart from the mixed figure: `hash` costs what the caller's keyed HMAC costs, and
// the emoji case is the one that needs Intl.Segmenter.
const APART = new Set(['hash', 'partial (emoji)']);

let sink = 0;
function maskAll(groups) {
  for (const { mask, values } of groups) {
    for (let i = 0; i < values.length; i++) sink += maskValue(mask, values[i], ctx).length;
  }
}
function maskAllCompiled(groups) {
  for (const { masker, values } of groups) {
    for (let i = 0; i < values.length; i++) sink += masker(values[i]).length;
  }
}
function copyAll(groups) {
  for (const { values } of groups) {
    for (let i = 0; i < values.length; i++) sink += String(values[i]).length;
  }
}

const nsPer = (fn, groups, reps) => {
  const count = groups.reduce((n, g) => n + g.values.length, 0);
  return (medianTime(() => fn(groups), reps) * 1e6) / count;
};

/** ns per value: `maskValue` and `compileMask` vs. `String(value)` over the same mixed values. */
export async function run({ size = 110_000, reps = 5 } = {}) {
  const all = dataset(size).map((group) => ({ ...group, masker: compileMask(group.mask, ctx) }));
  const common = all.filter((group) => !APART.has(group.label));
  const count = common.reduce((n, g) => n + g.values.length, 0);
  const copyNs = nsPer(copyAll, common, reps);
  const maskNs = nsPer(maskAll, common, reps);
  const compiledNs = nsPer(maskAllCompiled, common, reps);
  const byStyle = (fn) =>
    Object.fromEntries(all.map((group) => [group.label, round(nsPer(fn, [group], reps))]));
  const maskByStyle = byStyle(maskAll);
  const compiledByStyle = byStyle(maskAllCompiled);
  if (sink === 0) throw new Error('nothing measured');
  const baseline = 'String(value) of the same values';
  const styles = common.map((group) => group.label).join(', ');
  return [
    {
      metric: 'maskValue, mixed styles',
      size: count,
      figure: round(maskNs),
      unit: 'ns/value',
      baseline: round(copyNs),
      ratio: round(maskNs / copyNs),
      extra: { baseline, styles, 'ns/value by style': maskByStyle },
    },
    {
      metric: 'compileMask, mixed styles',
      size: count,
      figure: round(compiledNs),
      unit: 'ns/value',
      baseline: round(copyNs),
      ratio: round(compiledNs / copyNs),
      extra: { baseline, styles, 'ns/value by style': compiledByStyle },
    },
  ];
}
