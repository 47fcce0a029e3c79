import { sliceGraphemes, splitGraphemes } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, textOf } from '../maskText.js';
import { isPlainText, isPlainUnit } from '../plainText.js';

function maskAddress(text: string, plain: boolean): string {
  if (text === '') return '';
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return REDACTED;
  // Two plain units in front are two graphemes: the first one is shown.
  if (plain || (at >= 2 && isPlainUnit(text.charCodeAt(0)) && isPlainUnit(text.charCodeAt(1)))) {
    return at >= 2 ? text[0] + REDACTED + text.slice(at) : REDACTED + text.slice(at);
  }
  const local = splitGraphemes(text.slice(0, at));
  const shown = local.length >= 2 ? sliceGraphemes(local, 0, 1) : '';
  return `${shown}${REDACTED}${text.slice(at)}`;
}

/**
 * `z***@example.com`: the first grapheme of the local part (only when it has two or
 * more), a fixed `***`, and the domain. Anything that is not `local@domain` is redacted.
 */
export const emailMask: MaskStyle<'email'> = {
  style: 'email',
  fits: (kind) => kind === 'string',
  apply(value) {
    if (typeof value === 'string' && isPlainText(value)) return maskAddress(value.trim(), true);
    const text = textOf(value)?.trim();
    return text === undefined ? REDACTED : maskAddress(text, false);
  },
  // A function of its own (not a shared wrapper), so a caller's call site stays monomorphic.
  compile: (mask, ctx) => (value) => emailMask.apply(value, mask, ctx),
};
