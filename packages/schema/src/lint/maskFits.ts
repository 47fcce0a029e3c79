import type { ResolvedMask } from '../privacy.js';
import type { FieldKind } from '../sanitized.js';

type MaskStyle = ResolvedMask['style'];

const ANY_KIND: readonly FieldKind[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/**
 * Which value kinds each mask style can be applied to: the one table for lint here and for the
 * mask registry in @veil/policy, whose styles read their `fits(kind)` from it.
 */
export const MASK_FITS: Readonly<Record<MaskStyle, readonly FieldKind[]>> = {
  partial: ['string', 'number', 'integer'],
  last4: ['string', 'number', 'integer'],
  email: ['string'],
  name: ['string'],
  year: ['string', 'number', 'integer'],
  initials: ['string'],
  range: ['number', 'integer'],
  hash: ['string', 'number', 'integer', 'boolean'],
  redact: ANY_KIND,
  none: ANY_KIND,
};

/** True when the mask style can be applied to values of this kind. */
export function maskFits(style: MaskStyle, kind: FieldKind): boolean {
  return MASK_FITS[style].includes(kind);
}
