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
 * code unit; an exhaustive test over the BMP checks this against Intl.Segmenter.
 */
const MAY_JOIN =
  /[\ud800-\udfff\u{10000}-\u{10ffff}\p{Grapheme_Extend}\p{Mc}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u0e33\u0eb3\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\r]|\u200c|\u200d/u;
/**
 * The same without the astral characters that stand alone (plain emoji, rare Han): text
 * without these has one grapheme per code point. Regional indicators pair into flags,
 * emoji modifiers attach to their base, and a few astral characters are prepended.
 */
const NEEDS_SEGMENTER =
  /[\p{Cs}\p{Grapheme_Extend}\p{Mc}\p{Regional_Indicator}\p{Emoji_Modifier}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u0e33\u0eb3\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\r\u{110bd}\u{110cd}\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]|\u200c|\u200d/u;
const LONE_SURROGATE = /\p{Cs}/gu;
const ANY_SURROGATE = /[\ud800-\udfff]/;

// V8 copies the whole input into every segment it yields, so segmenting n code units at
// once costs O(n²); segmenting window by window keeps it linear.
const SEGMENT_WINDOW = 64;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Replaces lone surrogates (ill-formed UTF-16) with U+FFFD so no output carries one. */
export function toWellFormed(text: string): string {
  return ANY_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\ufffd') : text;
}

/** True when one code unit is one grapheme throughout `text` (the fast path). */
export function isSimpleText(text: string): boolean {
  return ASCII_SIMPLE.test(text) || !MAY_JOIN.test(text);
}

/** Splits text into graphemes, avoiding the segmenter for ASCII, plain CJK and plain emoji. */
export function splitGraphemes(text: string): Graphemes {
  if (isSimpleText(text)) return text;
  if (!NEEDS_SEGMENTER.test(text)) return Array.from(text);
  return segmentGraphemes(text);
}

/**
 * Always uses the segmenter (code points where `Intl.Segmenter` is missing). Each window's
 * last segment may be cut short, so it is segmented again at the start of the next window;
 * every earlier boundary is final because the rules look at one code point ahead only.
 */
export function segmentGraphemes(text: string, window = SEGMENT_WINDOW): string[] {
  if (typeof Intl.Segmenter !== 'function') return Array.from(text);
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const out: string[] = [];
  let start = 0;
  let size = window;
  while (start < text.length) {
    let end = start + size;
    // End on a whole code point: the segment before the cut must see the next one whole.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end += 1;
    const last = end >= text.length;
    const parts: string[] = [];
    for (const part of segmenter.segment(text.slice(start, end))) parts.push(part.segment);
    if (last) {
      out.push(...parts);
      break;
    }
    // One grapheme longer than the window (a pile of combining marks): widen and retry.
    if (parts.length < 2) {
      size *= 2;
      continue;
    }
    parts.pop();
    for (const part of parts) {
      out.push(part);
      start += part.length;
    }
    size = window;
  }
  return out;
}

/** Graphemes `start` (inclusive) to `end` (exclusive) joined back into a string. */
export function sliceGraphemes(graphemes: Graphemes, start: number, end?: number): string {
  return typeof graphemes === 'string' ? graphemes.slice(start, end) : graphemes.slice(start, end).join('');
}
