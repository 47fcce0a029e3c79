import { MASK_FITS } from '@veil/schema';
import { sliceGraphemes, splitGraphemes, toWellFormed } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, textOf } from '../maskText.js';
import { isPlainText } from '../plainText.js';

/** Fixed prefix: the number of hidden characters is not shown. */
const LAST4_PREFIX = '****';

/** For text with one grapheme per code unit (plain text, stringified numbers). */
function last4OfUnits(text: string): string {
  const n = text.length;
  if (n === 0) return '';
  const keep = n >= 8 ? 4 : n >> 1;
  return keep === 0 ? LAST4_PREFIX : LAST4_PREFIX + text.slice(n - keep);
}

function last4OfGraphemes(text: string): string {
  const graphemes = splitGraphemes(text);
  const keep = Math.min(4, Math.floor(graphemes.length / 2));
  return LAST4_PREFIX + sliceGraphemes(graphemes, graphemes.length - keep);
}

/**
 * `****5678`: a fixed prefix and the last 4 graphemes, but never more than half of the
 * value (a 6-character value shows its last 3, a 1-character value shows nothing).
 */
export const last4Mask: MaskStyle<'last4'> = {
  style: 'last4',
  fits: (kind) => MASK_FITS.last4.includes(kind),
  apply(value) {
    if (typeof value === 'string') {
      return isPlainText(value) ? last4OfUnits(value) : last4OfGraphemes(toWellFormed(value));
    }
    // Numbers, bigints and booleans stringify to ASCII.
    const text = textOf(value);
    return text === undefined ? REDACTED : last4OfUnits(text);
  },
  // A function of its own (not a shared wrapper), so a caller's call site stays monomorphic.
  compile: (mask, ctx) => (value) => last4Mask.apply(value, mask, ctx),
};
