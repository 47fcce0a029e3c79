import { describe, expect, it } from 'vitest';
import { detectPii } from '../src/pii/index.js';
import { DEV_NEGATIVES, DEV_POSITIVES } from './fixtures/piiDevSet2.js';

const MARK = /⟦([a-z-]+):([^⟧]*)⟧/g;

/** The plain text of a marked note and its labelled spans. */
function parse(marked: string): { text: string; spans: string[] } {
  let text = '';
  let at = 0;
  const spans: string[] = [];
  for (const m of marked.matchAll(MARK)) {
    text += marked.slice(at, m.index);
    spans.push(`${m[1]}:${m[2]}`);
    text += m[2];
    at = m.index + m[0].length;
  }
  return { text: text + marked.slice(at), spans };
}

const found = (text: string) => detectPii(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);

// The author's own development set (written before the detectors): every negative stays clean,
// every labelled value is found exactly, and nothing else is.
describe('detectPii on the development set of issue 18', () => {
  it.each(DEV_NEGATIVES.map((n) => [n]))('finds nothing in %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it.each(DEV_POSITIVES.map((p) => [p]))('finds exactly the labelled values of %s', (marked) => {
    const { text, spans } = parse(marked);
    expect(found(text)).toEqual(spans);
  });
});
