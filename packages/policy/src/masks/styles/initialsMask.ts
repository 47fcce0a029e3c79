import { MASK_FITS } from '@veil/schema';
import { sliceGraphemes } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, textOf } from '../maskText.js';
import { isHanPlainUnit, plainHanHead, splitNameWords } from '../nameWords.js';
import { isPlainText, isSpaceUnit } from '../plainText.js';

/** `initialsMask` on plain text: words found by code unit, one grapheme per unit. */
function plainInitials(text: string): string {
  let out = '';
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpaceUnit(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpaceUnit(text.charCodeAt(i))) i++;
    out += isHanPlainUnit(text.charCodeAt(start))
      ? `${text.slice(start, start + plainHanHead(text, start, i))}.`
      : `${text.charAt(start).toUpperCase()}.`;
  }
  return out;
}

/**
 * Initials with a dot after each word: `John Ronald Tolkien` → `J.R.T.`. A Chinese name's
 * initial is its surname (`张三丰` → `张.`, `欧阳娜娜` → `欧阳.`): romanising the given
 * name would need a pinyin table and guesses for polyphonic characters.
 */
export const initialsMask: MaskStyle<'initials'> = {
  style: 'initials',
  fits: (kind) => MASK_FITS.initials.includes(kind),
  apply(value) {
    if (typeof value === 'string' && isPlainText(value)) return plainInitials(value);
    const text = textOf(value);
    if (text === undefined) return REDACTED;
    let out = '';
    for (const word of splitNameWords(text)) {
      const head = sliceGraphemes(word.graphemes, 0, word.head);
      out += `${word.han ? head : head.toUpperCase()}.`;
    }
    return out;
  },
  // A function of its own (not a shared wrapper), so a caller's call site stays monomorphic.
  compile: (mask, ctx) => (value) => initialsMask.apply(value, mask, ctx),
};
