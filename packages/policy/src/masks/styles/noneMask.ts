import { MASK_FITS } from '@veil/schema';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, textOf } from '../maskText.js';

/** No masking: `maskValue` returns the value itself (`passThrough`); `apply` stringifies primitives. */
export const noneMask: MaskStyle<'none'> = {
  style: 'none',
  fits: (kind) => MASK_FITS.none.includes(kind),
  passThrough: true,
  apply: (value) => textOf(value) ?? REDACTED,
};
