import type { MaskStyle } from '../maskStyle.js';
import { REDACTED } from '../maskText.js';

/** `***` whatever the value: reveals neither content nor length. */
export const redactMask: MaskStyle<'redact'> = {
  style: 'redact',
  fits: () => true,
  apply: () => REDACTED,
  compile: () => () => REDACTED,
};
