import type { ResolvedMask } from '../privacy.js';
import type { FieldKind } from '../sanitized.js';

type MaskStyle = ResolvedMask['style'];

const ANY_KIND: readonly FieldKind[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/**
 * Which value kinds each mask style can be applied to. Mirrors the `fits(kind)` of the mask
 * registry in @veil/policy (which @veil/schema cannot import); keep the two in step.
 */
export const MASK_FITS: Readonly<Record<MaskStyle, readonly FieldKind[]>> = {
  partial: ['string'],
  last4: ['string', 'integer'],
  email: ['string'],
  name: ['string'],
  year: ['string'],
  initials: ['string'],
  range: ['number', 'integer'],
  hash: ['string', 'number', 'integer'],
  redact: ANY_KIND,
  none: ANY_KIND,
};

/** True when the mask style can be applied to values of this kind. */
export function maskFits(style: MaskStyle, kind: FieldKind): boolean {
  return MASK_FITS[style].includes(kind);
}
