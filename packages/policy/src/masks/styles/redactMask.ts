import { MASK_FITS } from '@veil/schema';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED } from '../maskText.js';

/** `***` whatever the value: reveals neither content nor length. */
export const redactMask: MaskStyle<'redact'> = {
  style: 'redact',
  fits: (kind) => MASK_FITS.redact.includes(kind),
  apply: () => REDACTED,
  compile: () => () => REDACTED,
};
