import { createHmac } from 'node:crypto';
import type { ResolvedMask } from '@veil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSimpleText, segmentGraphemes, splitGraphemes } from '../src/masks/graphemes.js';
import { MASK_STYLES, type MaskContext, maskValue } from '../src/masks/index.js';

// An independent oracle: the platform's grapheme segmenter.
const oracle = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemesOf = (text: string) => Array.from(oracle.segment(text), (part) => part.segment);

const hmac = (key: string) => (value: string) => createHmac('sha256', key).update(value).digest('hex');
const zh: MaskContext = { locale: 'zh-CN', hashToken: hmac('property-key') };
const en: MaskContext = { locale: 'en', hashToken: hmac('property-key') };

const LONE_SURROGATE = /\p{Cs}/u;
const RUNS = { numRuns: 300 };

// Pieces chosen to stress grapheme rules: combining marks, ZWJ sequences, skin tones,
// flags, Hangul jamo, Thai/Devanagari spacing marks and viramas, Arabic prepend, CR LF.
const TRICKY = [
  'a',
  'é',
  'e\u0301',
  '\u0301',
  '👍',
  '🏽',
  '\u200d',
  '👨‍👩‍👧',
  '🇨',
  '🇳',
  '张',
  '欧阳',
  '\r',
  '\n',
  'ᄀ',
  'ᅡ',
  'ᆨ',
  '가',
  'ก',
  '\u0e33',
  '\u0915',
  '\u094d',
  '\u0600',
  '\ufe0f',
  '\u{e0067}',
  '@',
  ' ',
  '·',
  '1',
];
const trickyString = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 16 });
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const withLoneSurrogates = fc.string({
  unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), loneSurrogate),
  maxLength: 16,
});
const anyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  trickyString,
  withLoneSurrogates,
);

const MASKS: ResolvedMask[] = [
  { style: 'last4' },
  { style: 'partial', keepStart: 3, keepEnd: 4 },
  { style: 'partial', keepStart: 1, keepEnd: 1 },
  { style: 'email' },
  { style: 'name' },
  { style: 'range', bounds: [100000, 500000, 1000000], unit: 'CNY' },
  { style: 'year' },
  { style: 'initials' },
  { style: 'hash' },
  { style: 'redact' },
];

describe('grapheme splitting', () => {
  it('the fast path agrees with Intl.Segmenter on arbitrary text', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const split = splitGraphemes(text);
        expect(typeof split === 'string' ? split.split('') : split).toEqual(graphemesOf(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('the windowed segmenter agrees with one pass over long text', () => {
    const longText = fc.array(fc.oneof(trickyString, fc.string({ unit: 'binary', maxLength: 20 })), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(longText, fc.integer({ min: 1, max: 16 }), (pieces, window) => {
        const text = pieces.join('');
        expect(segmentGraphemes(text, window)).toEqual(graphemesOf(text));
      }),
      { numRuns: 500 },
    );
  });

  it('every BMP character the fast path accepts is a grapheme on its own next to any neighbour', () => {
    const simple: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isSimpleText(String.fromCharCode(code))) simple.push(String.fromCharCode(code));
    }
    // Each character after and before a letter, beside itself and after a Hangul syllable
    // (the classes that join: extenders, prepends, jamo), in short batches because the
    // segmenter's cost grows with the length of its input.
    const probe = (c: string) => `a${c}${c}가${c}a`;
    const joined: string[] = [];
    for (let i = 0; i < simple.length; i += 32) {
      const batch = simple.slice(i, i + 32);
      const text = batch.map(probe).join('');
      if (graphemesOf(text).length === text.length) continue;
      joined.push(...batch.filter((c) => graphemesOf(probe(c)).length !== 6));
    }
    expect(joined).toEqual([]);
  });
});

describe('mask properties', () => {
  it('no masked output contains a lone surrogate, whatever the input', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom(...MASKS), fc.constantFrom(zh, en), (text, mask, ctx) => {
        const out = maskValue(mask, text, ctx);
        expect(typeof out).toBe('string');
        expect(LONE_SURROGATE.test(out as string)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('last4 shows a fixed prefix and at most the last 4 graphemes, never more than half', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), trickyString), (text) => {
        const out = maskValue({ style: 'last4' }, text, zh) as string;
        if (text === '') {
          expect(out).toBe('');
          return;
        }
        const graphemes = graphemesOf(text);
        expect(out.startsWith('****')).toBe(true);
        const shown = out.slice(4);
        const keep = [0, 1, 2, 3, 4].find((k) => graphemes.slice(graphemes.length - k).join('') === shown);
        expect(keep).toBeDefined();
        expect(keep ?? 99).toBeLessThanOrEqual(graphemes.length / 2);
      }),
      RUNS,
    );
  });

  it('partial shows whole graphemes at both ends, one star per hidden grapheme, and hides a third', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), trickyString),
        fc.nat(5),
        fc.nat(5),
        (text, keepStart, keepEnd) => {
          const out = maskValue({ style: 'partial', keepStart, keepEnd }, text, zh) as string;
          if (text === '') {
            expect(out).toBe('');
            return;
          }
          const g = graphemesOf(text);
          const n = g.length;
          const shapes: string[] = [];
          for (let s = 0; s <= keepStart; s++) {
            for (let e = 0; e <= keepEnd && s + e <= n - Math.max(1, Math.ceil(n / 3)); e++) {
              shapes.push(g.slice(0, s).join('') + '*'.repeat(n - s - e) + g.slice(n - e).join(''));
            }
          }
          expect(shapes).toContain(out);
        },
      ),
      RUNS,
    );
  });

  it('no style but none reveals a run of six characters from the middle of a value', () => {
    const letters = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
      minLength: 6,
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 3, maxLength: 3 }),
        letters,
        fc.string({ unit: 'grapheme', minLength: 5, maxLength: 8 }),
        fc.constantFrom(...MASKS),
        (head, canary, tail, mask) => {
          for (const value of [`${head}${canary}${tail}`, `${canary}@example.com`, `Mr ${canary} Smith`]) {
            expect(maskValue(mask, value, en) as string).not.toContain(canary);
          }
        },
      ),
      RUNS,
    );
  });

  it('hash is deterministic and equal exactly when the inputs are equal', () => {
    const pairs = fc.oneof(
      fc.tuple(
        fc.string({ unit: 'grapheme', maxLength: 10 }),
        fc.string({ unit: 'grapheme', maxLength: 10 }),
      ),
      fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => [s, s] as [string, string]),
      fc.string({ unit: 'binary', maxLength: 10 }).map((s) => [s, `${s}\u0301`] as [string, string]),
    );
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const ta = maskValue({ style: 'hash' }, a, zh);
        expect(maskValue({ style: 'hash' }, a, zh)).toBe(ta);
        expect(ta === maskValue({ style: 'hash' }, b, zh)).toBe(a === b);
        expect(ta).toMatch(/^#[0-9a-f]{12}$/);
      }),
      RUNS,
    );
    // A different key gives different tokens: the token depends on the caller's secret.
    expect(maskValue({ style: 'hash' }, '13812345678', { ...zh, hashToken: hmac('other') })).not.toBe(
      maskValue({ style: 'hash' }, '13812345678', zh),
    );
  });

  it('range puts every number in exactly one bucket, a bound in the bucket above it', () => {
    // Whole thousands below 1亿 format exactly, so distinct bounds give distinct labels.
    const bounds = fc
      .uniqueArray(fc.integer({ min: -99_999, max: 99_999 }), { minLength: 1, maxLength: 6 })
      .map((xs) => xs.map((x) => x * 1000).sort((a, b) => a - b));
    fc.assert(
      fc.property(bounds, fc.double({ noNaN: true }), fc.constantFrom(zh, en), (bs, x, ctx) => {
        const mask: ResolvedMask = { style: 'range', bounds: [...bs].reverse() };
        const label = (v: number) => maskValue(mask, v, ctx) as string;
        const first = bs[0] ?? 0;
        const last = bs[bs.length - 1] ?? 0;
        // One representative per bucket: below the first bound, then each bound itself.
        const buckets = [label(first - 1), ...bs.map(label)];
        expect(new Set(buckets).size).toBe(bs.length + 1);
        expect(buckets[0]?.startsWith('< ')).toBe(true);
        expect(buckets[bs.length]?.startsWith('≥ ')).toBe(true);
        for (const middle of buckets.slice(1, -1)) expect(middle).toContain('–');
        for (const v of [x, first, last, ...bs.flatMap((b) => [b, b - 0.5, b + 0.5])]) {
          const above = bs.filter((b) => b <= v).length;
          expect(label(v)).toBe(buckets[above]);
        }
        expect(label(Number.POSITIVE_INFINITY)).toBe(buckets[bs.length]);
        expect(label(Number.NEGATIVE_INFINITY)).toBe(buckets[0]);
      }),
      RUNS,
    );
  });
});

describe('registry', () => {
  it('has one style object per mask style, each named after its key', () => {
    for (const [name, style] of Object.entries(MASK_STYLES)) expect(style.style).toBe(name);
    expect(Object.keys(MASK_STYLES).sort()).toEqual(
      ['email', 'hash', 'initials', 'last4', 'name', 'none', 'partial', 'range', 'redact', 'year'].sort(),
    );
  });
});
