import { type Graphemes, sliceGraphemes, splitGraphemes } from './graphemes.js';

/** Common two-character (复姓) surnames. */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
]);

const HAN_START = /^\p{Script=Han}/u;
const WHITESPACE = /\s+/u;

/** One word of a name, split into graphemes. */
export interface NameWord {
  /** The word's graphemes. */
  graphemes: Graphemes;
  /** Whether the word is written in Han characters (a Chinese name: surname + given name). */
  han: boolean;
  /** Number of graphemes of the surname for a Han word (1 or 2), else 1. */
  head: number;
}

/**
 * Splits a name into whitespace-separated words. For a Han word the head is its surname:
 * a compound surname when the word has at least three characters (`欧阳娜娜`), else the
 * first character (`欧阳` alone reads as surname 欧 + given name 阳).
 */
export function splitNameWords(text: string): NameWord[] {
  const words: NameWord[] = [];
  for (const word of text.trim().split(WHITESPACE)) {
    if (word === '') continue;
    const graphemes = splitGraphemes(word);
    const han = HAN_START.test(word);
    const head =
      han && graphemes.length >= 3 && COMPOUND_SURNAMES.has(sliceGraphemes(graphemes, 0, 2)) ? 2 : 1;
    words.push({ graphemes, han, head: Math.min(head, graphemes.length) });
  }
  return words;
}

// First characters of the compound surnames: a word is sliced for the lookup only when it starts with one.
const COMPOUND_FIRST: ReadonlySet<number> = new Set([...COMPOUND_SURNAMES].map((name) => name.charCodeAt(0)));

/** Whether a plain code unit (see `isPlainUnit`) is a Han character. */
export function isHanPlainUnit(code: number): boolean {
  return code >= 0x3400;
}

/**
 * The surname length of a Han word written in plain text, from `start` (inclusive) to `end`
 * (exclusive): one grapheme per code unit, so the same rule as `splitNameWords` without copies.
 */
export function plainHanHead(text: string, start: number, end: number): number {
  return end - start >= 3 &&
    COMPOUND_FIRST.has(text.charCodeAt(start)) &&
    COMPOUND_SURNAMES.has(text.slice(start, start + 2))
    ? 2
    : 1;
}
