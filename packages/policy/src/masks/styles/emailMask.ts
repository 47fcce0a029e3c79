import { sliceGraphemes, splitGraphemes } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, textOf } from '../maskText.js';

/**
 * `z***@example.com`: the first grapheme of the local part (only when it has two or
 * more), a fixed `***`, and the domain. Anything that is not `local@domain` is redacted.
 */
export const emailMask: MaskStyle<'email'> = {
  style: 'email',
  fits: (kind) => kind === 'string',
  apply(value) {
    const text = textOf(value)?.trim();
    if (text === undefined) return REDACTED;
    if (text === '') return '';
    const at = text.lastIndexOf('@');
    if (at <= 0 || at === text.length - 1) return REDACTED;
    const local = splitGraphemes(text.slice(0, at));
    const shown = local.length >= 2 ? sliceGraphemes(local, 0, 1) : '';
    return `${shown}${REDACTED}${text.slice(at)}`;
  },
};
