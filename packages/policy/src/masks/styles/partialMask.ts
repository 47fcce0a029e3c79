import { MASK_FITS } from '@veil/schema';
import { type Graphemes, sliceGraphemes, splitGraphemes, toWellFormed } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, STAR, textOf } from '../maskText.js';
import { isPlainText } from '../plainText.js';

function toCount(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** `graphemes` is the text itself when it has one grapheme per code unit. */
function partialOf(graphemes: Graphemes, keepStart: number, keepEnd: number): string {
  const n = graphemes.length;
  if (n === 0) return '';
  const budget = n - Math.max(1, Math.ceil(n / 3));
  const start = Math.min(keepStart, budget);
  const end = Math.min(keepEnd, budget - start);
  return (
    sliceGraphemes(graphemes, 0, start) + STAR.repeat(n - start - end) + sliceGraphemes(graphemes, n - end)
  );
}

/**
 * `138****5678`: the first `keepStart` and last `keepEnd` graphemes, one `*` per hidden
 * grapheme. At least a third of the value (and at least one grapheme) is always hidden:
 * when the kept counts would show more, the end is shortened first, then the start.
 */
export const partialMask: MaskStyle<'partial'> = {
  style: 'partial',
  fits: (kind) => MASK_FITS.partial.includes(kind),
  apply(value, mask) {
    const keepStart = toCount(mask.keepStart);
    const keepEnd = toCount(mask.keepEnd);
    if (typeof value === 'string') {
      const graphemes = isPlainText(value) ? value : splitGraphemes(toWellFormed(value));
      return partialOf(graphemes, keepStart, keepEnd);
    }
    // Numbers, bigints and booleans stringify to ASCII.
    const text = textOf(value);
    return text === undefined ? REDACTED : partialOf(text, keepStart, keepEnd);
  },
  compile(mask) {
    const keepStart = toCount(mask.keepStart);
    const keepEnd = toCount(mask.keepEnd);
    return (value) => {
      if (typeof value === 'string') {
        return partialOf(
          isPlainText(value) ? value : splitGraphemes(toWellFormed(value)),
          keepStart,
          keepEnd,
        );
      }
      const text = textOf(value);
      return text === undefined ? REDACTED : partialOf(text, keepStart, keepEnd);
    };
  },
};
