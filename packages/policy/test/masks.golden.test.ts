import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ResolvedMask } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { type MaskContext, maskValue } from '../src/masks/index.js';

/** One row of the golden table: a mask applied to a value for a locale, and the expected display. */
interface GoldenRow {
  mask: ResolvedMask;
  value: unknown;
  locale: MaskContext['locale'];
  expected: unknown;
}

const GOLDEN_URL = new URL('./fixtures/masks.golden.json', import.meta.url);
const rows = JSON.parse(readFileSync(GOLDEN_URL, 'utf8')) as GoldenRow[];

// The golden key is a test fixture, not a secret.
const hashToken = (value: string) => createHmac('sha256', 'veil-golden-key').update(value).digest('hex');

function run(row: GoldenRow): unknown {
  return maskValue(row.mask, row.value, { locale: row.locale, hashToken });
}

describe('mask golden table', () => {
  if (process.env.UPDATE_GOLDEN === '1') {
    it('rewrites the expected values', () => {
      const updated = rows.map((row) => ({ ...row, expected: run(row) }));
      writeFileSync(GOLDEN_URL, `[\n${updated.map((row) => `  ${JSON.stringify(row)}`).join(',\n')}\n]\n`);
    });
    return;
  }

  it('covers every style with Chinese, English, emoji, empty and null inputs', () => {
    const styles = new Set(rows.map((row) => row.mask.style));
    for (const style of [
      'last4',
      'partial',
      'email',
      'name',
      'range',
      'year',
      'initials',
      'hash',
      'redact',
      'none',
    ]) {
      expect(styles).toContain(style);
      const values = rows.filter((row) => row.mask.style === style).map((row) => row.value);
      expect(values).toContain(null);
    }
  });

  it.each(rows.map((row, i) => [i, JSON.stringify(row.mask), JSON.stringify(row.value), row] as const))(
    'row %i: %s %s',
    (_i, _mask, _value, row) => {
      expect(run(row)).toEqual(row.expected);
    },
  );
});
