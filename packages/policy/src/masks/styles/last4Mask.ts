import { sliceGraphemes, splitGraphemes } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, textOf } from '../maskText.js';

/** Fixed prefix: the number of hidden characters is not shown. */
const LAST4_PREFIX = '****';

/**
 * `****5678`: a fixed prefix and the last 4 graphemes, but never more than half of the
 * value (a 6-character value shows its last 3, a 1-character value shows nothing).
 */
export const last4Mask: MaskStyle<'last4'> = {
  style: 'last4',
  fits: (kind) => kind === 'string' || kind === 'number' || kind === 'integer',
  apply(value) {
    const text = textOf(value);
    if (text === undefined) return REDACTED;
    if (text === '') return '';
    const graphemes = splitGraphemes(text);
    const keep = Math.min(4, Math.floor(graphemes.length / 2));
    return LAST4_PREFIX + sliceGraphemes(graphemes, graphemes.length - keep);
  },
};
