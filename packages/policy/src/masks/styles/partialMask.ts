import { sliceGraphemes, splitGraphemes } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, STAR, textOf } from '../maskText.js';

function toCount(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * `138****5678`: the first `keepStart` and last `keepEnd` graphemes, one `*` per hidden
 * grapheme. At least a third of the value (and at least one grapheme) is always hidden:
 * when the kept counts would show more, the end is shortened first, then the start.
 */
export const partialMask: MaskStyle<'partial'> = {
  style: 'partial',
  fits: (kind) => kind === 'string' || kind === 'number' || kind === 'integer',
  apply(value, mask) {
    const text = textOf(value);
    if (text === undefined) return REDACTED;
    if (text === '') return '';
    const graphemes = splitGraphemes(text);
    const n = graphemes.length;
    const budget = n - Math.max(1, Math.ceil(n / 3));
    const start = Math.min(toCount(mask.keepStart), budget);
    const end = Math.min(toCount(mask.keepEnd), budget - start);
    return (
      sliceGraphemes(graphemes, 0, start) + STAR.repeat(n - start - end) + sliceGraphemes(graphemes, n - end)
    );
  },
};
