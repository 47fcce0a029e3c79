import type { MaskStyle, MaskStyleName } from './maskStyle.js';
import { emailMask } from './styles/emailMask.js';
import { hashMask } from './styles/hashMask.js';
import { initialsMask } from './styles/initialsMask.js';
import { last4Mask } from './styles/last4Mask.js';
import { nameMask } from './styles/nameMask.js';
import { noneMask } from './styles/noneMask.js';
import { partialMask } from './styles/partialMask.js';
import { rangeMask } from './styles/rangeMask.js';
import { redactMask } from './styles/redactMask.js';
import { yearMask } from './styles/yearMask.js';

/** Every mask style, by name. */
export const MASK_STYLES: { readonly [S in MaskStyleName]: MaskStyle<S> } = Object.freeze({
  last4: last4Mask,
  partial: partialMask,
  email: emailMask,
  name: nameMask,
  range: rangeMask,
  year: yearMask,
  initials: initialsMask,
  hash: hashMask,
  redact: redactMask,
  none: noneMask,
});

/** The style object for a mask, or `undefined` for a style that does not exist. */
export function findMaskStyle(style: unknown): MaskStyle | undefined {
  return typeof style === 'string' && Object.hasOwn(MASK_STYLES, style)
    ? (MASK_STYLES[style as MaskStyleName] as MaskStyle)
    : undefined;
}
