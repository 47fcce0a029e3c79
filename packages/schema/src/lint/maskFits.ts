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

/**
 * True when the mask style can be applied to values of this kind. A mask on an array of
 * primitives applies to each item (that is what the runtime does), so pass the items' kind as
 * `itemKind`; lint and the runtime read this one table.
 */
export function maskFits(style: MaskStyle, kind: FieldKind, itemKind?: FieldKind): boolean {
  if (kind === 'array' && itemKind !== undefined && itemKind !== 'array' && itemKind !== 'object') {
    return MASK_FITS[style].includes(itemKind);
  }
  return MASK_FITS[style].includes(kind);
}

/** The kind a field's mask is applied to: each item's for an array of primitives, else the field's. */
export function maskTargetKind(field: { kind: FieldKind; itemKind?: FieldKind }): FieldKind {
  return field.kind === 'array' && field.itemKind !== undefined ? field.itemKind : field.kind;
}
