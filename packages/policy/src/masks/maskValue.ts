import type { FieldKind, ResolvedMask } from '@veil/schema';
import type { MaskContext } from './maskStyle.js';
import { findMaskStyle, MASK_STYLES } from './maskStyles.js';

/**
 * Masks a field's value for display. `null` and `undefined` stay as they are; `none`
 * returns the value unchanged; an array (of primitives) is masked item by item; every
 * other result is a string. An unknown style redacts (fail closed). Never throws.
 */
export function maskValue(mask: ResolvedMask, value: unknown, ctx: MaskContext): unknown {
  if (value === null || value === undefined) return value;
  const style = findMaskStyle(mask?.style) ?? MASK_STYLES.redact;
  if (style.passThrough === true) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => maskValue(mask, item, ctx));
  return style.apply(value, mask as never, ctx);
}

/**
 * Whether a mask suits a field of this kind (for lint and the template builder). For an
 * array of primitives pass the items' kind as `itemKind`. An unknown style fits nothing.
 */
export function maskFits(mask: ResolvedMask, kind: FieldKind, itemKind?: FieldKind): boolean {
  const style = findMaskStyle(mask?.style);
  if (style === undefined) return false;
  if (kind === 'array' && itemKind !== undefined && itemKind !== 'array' && itemKind !== 'object') {
    return style.fits(itemKind);
  }
  return style.fits(kind);
}
