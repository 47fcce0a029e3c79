/**
 * Grapheme-safe text helpers for the masks. A masked string is cut only between
 * user-perceived characters, so an emoji, a flag or `é` written as e + U+0301 stays whole
 * and no output ever holds half of a surrogate pair.
 */

/** Text split into graphemes: the string itself when every code unit is one grapheme. */
export type Graphemes = string | readonly string[];

// Created once: constructing a segmenter is far more expensive than using it.
let segmenter: Intl.Segmenter | undefined;

const ASCII_SIMPLE = /^[\t\n\x20-\x7e]*$/;
/**
 * Code units that can join a neighbour into one grapheme (UAX #29): surrogates (astral
 * characters: emoji, modifiers, flags, tags), extenders and spacing marks, ZWJ/ZWNJ,
 * prepend characters, Hangul jamo, CR. Text without any of them has one grapheme per
 * code unit; a differential property test checks this against Intl.Segmenter.
 */
const MAY_JOIN =
  /[\ud800-\udfff\u{10000}-\u{10ffff}\p{Grapheme_Extend}\p{Mc}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u0e33\u0eb3\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\r]|\u200c|\u200d/u;
const LONE_SURROGATE = /\p{Cs}/gu;
const ANY_SURROGATE = /[\ud800-\udfff]/;

/** Replaces lone surrogates (ill-formed UTF-16) with U+FFFD so no output carries one. */
export function toWellFormed(text: string): string {
  return ANY_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\ufffd') : text;
}

/** True when one code unit is one grapheme throughout `text` (the fast path). */
export function isSimpleText(text: string): boolean {
  return ASCII_SIMPLE.test(text) || !MAY_JOIN.test(text);
}

/** Splits well-formed text into graphemes, avoiding the segmenter for ASCII and plain CJK. */
export function splitGraphemes(text: string): Graphemes {
  if (isSimpleText(text)) return text;
  return segmentGraphemes(text);
}

/** Always uses the segmenter (or code points where `Intl.Segmenter` is missing). */
export function segmentGraphemes(text: string): string[] {
  if (typeof Intl.Segmenter !== 'function') return Array.from(text);
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const out: string[] = [];
  for (const part of segmenter.segment(text)) out.push(part.segment);
  return out;
}

/** Graphemes `start` (inclusive) to `end` (exclusive) joined back into a string. */
export function sliceGraphemes(graphemes: Graphemes, start: number, end?: number): string {
  return typeof graphemes === 'string' ? graphemes.slice(start, end) : graphemes.slice(start, end).join('');
}

/** The first grapheme of `text`, or `''`. */
export function firstGrapheme(text: string): string {
  const graphemes = splitGraphemes(text);
  return typeof graphemes === 'string' ? graphemes.slice(0, 1) : (graphemes[0] ?? '');
}
