import { MASK_FITS } from '@veil/schema';
import { toWellFormed } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED } from '../maskText.js';

/** How many characters of the keyed token are shown. */
const HASH_LENGTH = 12;

/**
 * `#3f9a0c12b7de`: the first 12 characters of the keyed token of `String(value)`, so equal
 * values show equal tokens (rows can be grouped) and nothing else is revealed. Note that
 * `5` and `'5'` give the same token.
 */
export const hashMask: MaskStyle<'hash'> = {
  style: 'hash',
  fits: (kind) => MASK_FITS.hash.includes(kind),
  apply(value, _mask, ctx) {
    switch (typeof value) {
      case 'string':
      case 'number':
      case 'bigint':
      case 'boolean':
        return `#${toWellFormed(ctx.hashToken(String(value)).slice(0, HASH_LENGTH))}`;
      default:
        return REDACTED;
    }
  },
  compile: (mask, ctx) => (value) => hashMask.apply(value, mask, ctx),
};
