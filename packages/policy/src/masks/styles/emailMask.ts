import { MASK_FITS } from '@veil/schema';
import { sliceGraphemes, splitGraphemes } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, textOf } from '../maskText.js';
import { isPlainText, isPlainUnit, isSpaceUnit } from '../plainText.js';

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
 * Plain text that needs no trimming, in one pass: `undefined` for anything else. Most
 * addresses take this path.
 */
function maskPlainAddress(text: string): string | undefined {
  const n = text.length;
  if (n === 0 || isSpaceUnit(text.charCodeAt(0)) || isSpaceUnit(text.charCodeAt(n - 1))) return undefined;
  let at = -1;
  for (let i = n - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (!isPlainUnit(code)) return undefined;
    if (code === 0x40 /* @ */ && at === -1) at = i;
  }
  if (at <= 0 || at === n - 1) return REDACTED;
  return at >= 2 ? text[0] + REDACTED + text.slice(at) : REDACTED + text.slice(at);
}

/**
 * `z***@example.com`: the first grapheme of the local part (only when it has two or
 * more), a fixed `***`, and the domain. Anything that is not `local@domain` is redacted.
 */
export const emailMask: MaskStyle<'email'> = {
  style: 'email',
  fits: (kind) => MASK_FITS.email.includes(kind),
  apply(value) {
    if (typeof value === 'string') {
      const masked = maskPlainAddress(value);
      if (masked !== undefined) return masked;
      if (isPlainText(value)) return maskAddress(value.trim(), true);
    }
    const text = textOf(value)?.trim();
    return text === undefined ? REDACTED : maskAddress(text, false);
  },
  // A function of its own (not a shared wrapper), so a caller's call site stays monomorphic.
  compile: (mask, ctx) => (value) => emailMask.apply(value, mask, ctx),
};
