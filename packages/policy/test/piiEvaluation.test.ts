import { describe, expect, it } from 'vitest';
import { detectPii } from '../src/pii/index.js';
import corpus from './fixtures/pii-corpus.json' with { type: 'json' };

// Span-level scoring: a found span is a true positive only when type, start and end all equal a
// labelled span. A partial overlap (right type, offsets off by a prefix or an extension) counts
// as one false positive AND one false negative: for masking, a span that misses characters leaks.
// This corpus predates issue 18 and labels only its nine number/e-mail types: its notes name
// people (陈静, Tony Chen …) without labelling them, so spans of the later types (names,
// addresses, chat ids, plates) are left out of its score and counted apart; piiEvaluation2
// scores those on the corpus written for them.
const LABELLED_TYPES = new Set(corpus.snippets.flatMap((s) => s.spans.map((span) => span.type)));

describe('detectPii on the labelled corpus', () => {
  it('reaches precision ≥ 0.99 and recall ≥ 0.98', () => {
    let truePositives = 0;
    let found = 0;
    let labelled = 0;
    const perType = new Map<string, { tp: number; fp: number; fn: number }>();
    const stats = (type: string) => {
      const entry = perType.get(type) ?? { tp: 0, fp: 0, fn: 0 };
      perType.set(type, entry);
      return entry;
    };
    const misses: string[] = [];
    const unscored = new Map<string, number>();
    corpus.snippets.forEach(({ text, spans }, index) => {
      const all = detectPii(text, { today: '2025-06-01' });
      const detected = all.filter((span) => LABELLED_TYPES.has(span.type));
      for (const span of all)
        if (!LABELLED_TYPES.has(span.type)) unscored.set(span.type, (unscored.get(span.type) ?? 0) + 1);
      const key = (s: { type: string; start: number; end: number }) => `${s.type}:${s.start}:${s.end}`;
      const expected = new Set(spans.map(key));
      const actual = new Set(detected.map(key));
      found += detected.length;
      labelled += spans.length;
      for (const span of detected) {
        if (expected.has(key(span))) {
          truePositives++;
          stats(span.type).tp++;
        } else {
          stats(span.type).fp++;
          misses.push(`#${index} false positive ${span.type} "${text.slice(span.start, span.end)}"`);
        }
      }
      for (const span of spans) {
        if (!actual.has(key(span))) {
          stats(span.type).fn++;
          misses.push(`#${index} missed ${span.type} "${text.slice(span.start, span.end)}"`);
        }
      }
    });
    const precision = truePositives / found;
    const recall = truePositives / labelled;
    console.log(
      `PII corpus: ${corpus.snippets.length} snippets, ${labelled} labelled spans, ${found} found, ` +
        `${truePositives} exact matches — precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}`,
    );
    for (const [type, s] of [...perType].sort()) console.log(`  ${type}: tp ${s.tp} fp ${s.fp} fn ${s.fn}`);
    console.log(`  not labelled in this corpus, not scored: ${JSON.stringify(Object.fromEntries(unscored))}`);
    if (misses.length > 0) console.log(misses.join('\n'));
    expect(precision).toBeGreaterThanOrEqual(0.99);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });
});
