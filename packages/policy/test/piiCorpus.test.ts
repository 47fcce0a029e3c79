import {
  isValidBankCard,
  isValidCnLandline,
  isValidCnMobile,
  isValidCnPassport,
  isValidCnResidentId,
  isValidCnUscc,
  isValidEmail,
  isValidHkId,
  isValidTwId,
} from '@veil/schema';
import { describe, expect, it } from 'vitest';
import corpus from './fixtures/pii-corpus.json' with { type: 'json' };

const VALIDATORS: Record<string, (value: string) => boolean> = {
  mobile: isValidCnMobile,
  landline: isValidCnLandline,
  'resident-id': (value) => isValidCnResidentId(value),
  uscc: isValidCnUscc,
  'bank-card': isValidBankCard,
  email: isValidEmail,
  passport: isValidCnPassport,
  'hk-id': isValidHkId,
  'tw-id': isValidTwId,
};

describe('PII corpus', () => {
  it('holds at least 500 labelled snippets, and notes without personal data', () => {
    expect(corpus.snippets.length).toBeGreaterThanOrEqual(500);
    expect(corpus.snippets.filter((s) => s.spans.length === 0).length).toBeGreaterThan(50);
  });

  it('labels only well-formed, non-overlapping spans of valid values', () => {
    for (const { text, spans } of corpus.snippets) {
      let previousEnd = 0;
      for (const span of [...spans].sort((a, b) => a.start - b.start)) {
        expect(span.start).toBeGreaterThanOrEqual(previousEnd);
        expect(span.end).toBeLessThanOrEqual(text.length);
        previousEnd = span.end;
        const validate = VALIDATORS[span.type];
        expect(validate, span.type).toBeDefined();
        expect(validate?.(text.slice(span.start, span.end)), `${span.type} in: ${text}`).toBe(true);
      }
    }
  });

  it('covers every type and the written variants the detector must handle', () => {
    const types = new Set(corpus.snippets.flatMap((s) => s.spans.map((span) => span.type)));
    expect([...types].sort()).toEqual(Object.keys(VALIDATORS).sort());
    const values = corpus.snippets.flatMap((s) => s.spans.map((span) => s.text.slice(span.start, span.end)));
    expect(values.some((v) => /[０-９]/.test(v))).toBe(true); // full-width digits
    expect(values.some((v) => /^\+86 \d{3}-\d{4}-\d{4}$/.test(v))).toBe(true);
    expect(values.some((v) => /^\d{3} \d{4} \d{4}$/.test(v))).toBe(true);
    expect(corpus.snippets.some((s) => s.spans.some((span) => span.start === 0))).toBe(true);
    expect(corpus.snippets.some((s) => s.spans.some((span) => span.end === s.text.length))).toBe(true);
  });
});
