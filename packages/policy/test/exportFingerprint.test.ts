import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FingerprintPrf,
  markCell,
  neutralizeFormula,
  stripFingerprint,
  type TraceCandidate,
  traceFingerprint,
} from '../src/export/index.js';

const prfOf =
  (key: string): FingerprintPrf =>
  (message) =>
    createHmac('sha256', key).update(message).digest('hex');

const ROWS = [
  ['华东演示贸易有限公司', 'lead', '10万–50万', '2026-11-02', 'Rep A (demo)'],
  ['Northwind Traders', 'qualified', '≥ 100万', '2026-10-21', 'Rep B (demo)'],
  ['样例科技', 'proposal', '< 10万', '2026-09-30', 'Rep A (demo)'],
  ['Contoso Ltd', 'won', '50万–100万', '2026-08-15', 'Rep C (demo)'],
  ['虚构物流', 'lead', '10万–50万', '2026-07-01', 'Rep B (demo)'],
];

const asText = (rows: string[][], prf: FingerprintPrf | null, sep = '\t') =>
  rows.map((row) => row.map((cell) => (prf ? markCell(cell, prf) : cell)).join(sep)).join('\n');

describe('fingerprint marks', () => {
  it('never change the visible text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string(), (text, key) => {
        expect(stripFingerprint(markCell(text, prfOf(key)))).toBe(stripFingerprint(text));
      }),
    );
  });

  it('differ between exports of the same cell', () => {
    const marks = new Set(
      Array.from({ length: 40 }, (_, i) => markCell('Northwind Traders', prfOf(`k${i}`))),
    );
    expect(marks.size).toBeGreaterThan(20);
  });
});

describe('traceFingerprint', () => {
  const candidates: TraceCandidate[] = Array.from({ length: 100 }, (_, i) => ({
    exportId: `exp-${i}`,
    prf: prfOf(`key-${i}`),
  }));

  it('finds the one export 5 pasted rows came from, tab- or comma-separated', () => {
    const leaked = candidates[42]!;
    expect(traceFingerprint(asText(ROWS, leaked.prf), candidates).map((m) => m.exportId)).toEqual(['exp-42']);
    expect(traceFingerprint(asText(ROWS, leaked.prf, ','), candidates).map((m) => m.exportId)).toEqual([
      'exp-42',
    ]);
  });

  it('finds nothing in the same rows typed by hand, or marked by an export not among the candidates', () => {
    expect(traceFingerprint(asText(ROWS, null), candidates)).toEqual([]);
    expect(traceFingerprint(asText(ROWS, prfOf('someone-else')), candidates)).toEqual([]);
  });
});

describe('neutralizeFormula', () => {
  it('prefixes cells a spreadsheet would run as a formula (OWASP)', () => {
    for (const bad of ['=HYPERLINK("x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])
      expect(neutralizeFormula(bad)).toBe(`'${bad}`);
    for (const fine of ['Northwind', '', "'already", '1-2']) expect(neutralizeFormula(fine)).toBe(fine);
  });
});
