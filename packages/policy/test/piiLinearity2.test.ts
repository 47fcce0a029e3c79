import { describe, expect, it } from 'vitest';
import { detectPii, maskText } from '../src/pii/index.js';

const MB = 1 << 20;
const fill = (unit: string, tail = '') => unit.repeat(Math.ceil((MB - tail.length) / unit.length)) + tail;

// Inputs built to make a careless detector backtrack or rescan: long runs of surnames and
// given-name characters, of road/number fragments, of digit-like characters with separators,
// of cue words with nothing after them. Each is about 1 MB. Nothing here asserts a time (the
// machine is shared); the durations are printed for the report, and every input must still
// give well-formed spans.
const ADVERSARIAL: [string, string][] = [
  ['surname + given-name pairs', fill('王建')],
  ['cue + surname', fill('客户王')],
  ['compound surnames', fill('欧阳')],
  ['road fragments', fill('路1号')],
  ['division suffixes', fill('新区')],
  ['full addresses', fill('浦东新区张江路88号3栋502室，')],
  ['compound buildings', fill('花园5栋')],
  ['Chinese numerals', fill('一')],
  ['spaced digits', fill('1 ')],
  ['dotted digits', fill('1.')],
  ['look-alikes among digits', fill('1O')],
  ['look-alike letters', fill('O')],
  ['zero-width between digits', fill('1\u200b')],
  ['(+86) prefixes', fill('(+86)')],
  ['WeChat cue and spaces', `微信${fill(' ', '!')}`],
  ['WeChat cues', fill('微信号：')],
  ['QQ cues', fill('QQ ')],
  ['capitalised words', fill('Aa ')],
  ['English cues', fill('Contact: ')],
  ['plate prefixes', fill('沪A123')],
];

describe('detectPii on 1 MB adversarial inputs', () => {
  it.each(ADVERSARIAL)('%s: returns sorted, disjoint spans inside the text', (label, text) => {
    const started = performance.now();
    const spans = detectPii(text);
    const masked = maskText(text, spans);
    const ms = performance.now() - started;
    console.log(
      `${label}: ${(text.length / MB).toFixed(2)} M code units, ${spans.length} spans, ${ms.toFixed(0)} ms`,
    );
    let previousEnd = 0;
    for (const span of spans) {
      expect(span.start).toBeGreaterThanOrEqual(previousEnd);
      expect(span.end).toBeGreaterThan(span.start);
      previousEnd = span.end;
    }
    expect(previousEnd).toBeLessThanOrEqual(text.length);
    expect(typeof masked).toBe('string');
  });
});
