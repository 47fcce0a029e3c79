import { type FieldKind, type ResolvedMask, maskFits as schemaMaskFits } from '@veil/schema';
import type { MaskContext, MaskStyle } from './maskStyle.js';
import { findMaskStyle, MASK_STYLES } from './maskStyles.js';

/** A mask bound to its context: `masker(value)` is `maskValue(mask, value, ctx)`. */
export type Masker = (value: unknown) => unknown;

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

const passThrough: Masker = (value) => value;

/**
 * The part of `compileMask` for a value that is neither `null`/`undefined` nor an object or
 * array (a string, number, boolean or bigint): what `maskValue(mask, value, ctx)` gives for
 * it. Each style compiles to its own function, so a caller's call site stays monomorphic.
 */
export function compilePrimitiveMask(mask: ResolvedMask, ctx: MaskContext): Masker {
  const style: MaskStyle = findMaskStyle(mask?.style) ?? MASK_STYLES.redact;
  if (style.passThrough === true) return passThrough;
  return style.compile === undefined
    ? (value) => style.apply(value, mask as never, ctx)
    : style.compile(mask as never, ctx);
}

/**
 * `maskValue` bound to one mask and context, for hot loops: the style is looked up and its
 * per-mask work (range labels, kept counts) done once, so each value costs one call.
 * Gives exactly what `maskValue(mask, value, ctx)` gives; masks are treated as immutable.
 */
export function compileMask(mask: ResolvedMask, ctx: MaskContext): Masker {
  const style: MaskStyle = findMaskStyle(mask?.style) ?? MASK_STYLES.redact;
  if (style.passThrough === true) return passThrough;
  const one = compilePrimitiveMask(mask, ctx);
  const masker: Masker = (value) => {
    if (value === null || value === undefined) return value;
    if (typeof value === 'object' && Array.isArray(value)) return value.map((item: unknown) => masker(item));
    return one(value);
  };
  return masker;
}

/**
 * Whether a mask suits a field of this kind (for lint and the template builder). For an
 * array of primitives pass the items' kind as `itemKind`. An unknown style fits nothing.
 */
export function maskFits(mask: ResolvedMask, kind: FieldKind, itemKind?: FieldKind): boolean {
  const style = findMaskStyle(mask?.style);
  if (style === undefined) return false;
  return schemaMaskFits(style.style, kind, itemKind);
}
