import { toHalfWidth } from '@veil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPii, maskText, type PiiType } from '../src/pii/index.js';

// Canary values (valid check digits): after masking, none may survive whole.
const CANARIES: { type: PiiType; written: string; compact: string }[] = [
  { type: 'mobile', written: '13812345678', compact: '13812345678' },
  { type: 'mobile', written: '+86 159-8765-4321', compact: '15987654321' },
  { type: 'mobile', written: '１８６００００１１１１', compact: '18600001111' },
  { type: 'resident-id', written: '11010519491231002X', compact: '11010519491231002X' },
  { type: 'resident-id', written: '830000199201300022', compact: '830000199201300022' },
  { type: 'bank-card', written: '6222 0210 0000 1234 565', compact: '6222021000001234565' },
  { type: 'bank-card', written: '4111111111111111', compact: '4111111111111111' },
  { type: 'email', written: 'zhang.san@example.com', compact: 'zhang.san@' },
  { type: 'uscc', written: '91110000600037341L', compact: '91110000600037341L' },
  { type: 'hk-id', written: 'A123456(3)', compact: 'A123456' },
];
const FILLERS = [
  '，',
  '。',
  ' ',
  '客户',
  '手机',
  '身份证',
  '卡号',
  'email ',
  '税号',
  'call ',
  '😀',
  '\n',
  '2024年',
  '第3次',
];

/** What a masked replacement may look like, per type. */
const MASKED: Record<PiiType, RegExp> = {
  mobile: /^\d{3}\*{4}\d{4}$/,
  landline: /^\*{3}$/,
  'resident-id': /^[1-9]\*{13,16}[0-9X]$/,
  uscc: /^\*{3}$/,
  'bank-card': /^\*{4}\d{4}$/,
  email: /^[^@]\*{3}@[^@]+$/,
  passport: /^\*{3}$/,
  'hk-id': /^\*{3}$/,
  'tw-id': /^\*{3}$/,
  name: /^(?:\p{Script=Han}{1,2}\*+|[A-Za-z]\*{3}(?: [A-Za-z]\*{3})*)$/u,
  address: /^(?:\*{3}|[^*]*(?:区|县|旗|市)\*+)$/u,
  wechat: /^\*{3}$/,
  qq: /^\*{3}$/,
  plate: /^\p{Script=Han}[A-Z]\*{5,7}$/u,
};

describe('detectPii and maskText properties', () => {
  it('never throw on arbitrary strings, and report sorted, disjoint spans inside the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
        ),
        (text) => {
          const spans = detectPii(text);
          let previousEnd = 0;
          for (const span of spans) {
            expect(span.start).toBeGreaterThanOrEqual(previousEnd);
            expect(span.end).toBeGreaterThan(span.start);
            expect(span.end).toBeLessThanOrEqual(text.length);
            previousEnd = span.end;
          }
          expect(typeof maskText(text, spans)).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('mask every detected value down to what its mask keeps, and no canary survives', () => {
    const piece = fc.oneof(fc.constantFrom(...FILLERS), fc.constantFrom(...CANARIES));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        // Canaries stand between commas: two numbers typed against each other are one longer number.
        const text = pieces.map((p) => (typeof p === 'string' ? p : `，${p.written}，`)).join('');
        const spans = detectPii(text);
        for (const span of spans) {
          const alone = maskText(text, [span]);
          const replacement = alone.slice(span.start, alone.length - (text.length - span.end));
          expect(replacement, span.type).toMatch(MASKED[span.type]);
        }
        const masked = toHalfWidth(maskText(text, spans)).replace(/[\s-]/g, '');
        for (const p of pieces) {
          if (typeof p !== 'string') {
            expect(spans.some((s) => s.type === p.type && text.slice(s.start, s.end) === p.written)).toBe(
              true,
            );
            expect(masked).not.toContain(p.compact);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('find every canary written between separators', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CANARIES),
        fc.constantFrom('，', '。', ' ', '\n', '😀'),
        (canary, separator) => {
          const label = canary.type === 'uscc' ? '税号' : '';
          const text = `客户${separator}${label}${canary.written}${separator}`;
          const spans = detectPii(text);
          expect(spans.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([
            [canary.type, canary.written],
          ]);
        },
      ),
      { numRuns: 50 },
    );
  });
});
