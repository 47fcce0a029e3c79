import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, textOf } from '../maskText.js';

/** No masking: `maskValue` returns the value itself (`passThrough`); `apply` stringifies primitives. */
export const noneMask: MaskStyle<'none'> = {
  style: 'none',
  fits: () => true,
  passThrough: true,
  apply: (value) => textOf(value) ?? REDACTED,
};
