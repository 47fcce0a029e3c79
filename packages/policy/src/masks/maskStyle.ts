import type { FieldKind, PartialMask, RangeMask, ResolvedMask } from '@veil/schema';

/** What a mask may need besides the value. */
export interface MaskContext {
  /** Locale of the viewer: picks `万`/`亿` or `k`/`M` for ranges, `1990年` or `1990` for years. */
  locale: 'zh-CN' | 'en';
  /** Keyed, deterministic token of a value (an HMAC with the `hash` mask key); the caller holds the key. */
  hashToken: (value: string) => string;
}

/** Every mask style name. */
export type MaskStyleName = ResolvedMask['style'];

/** The resolved mask object of one style. */
export type MaskOf<S extends MaskStyleName> = S extends 'partial'
  ? PartialMask
  : S extends 'range'
    ? RangeMask
    : { style: S };

/** One mask style: its definition lives here, not in switches elsewhere. */
export interface MaskStyle<S extends MaskStyleName = MaskStyleName> {
  /** The style name as written in `x-privacy.mask`. */
  style: S;
  /** Whether the style makes sense for values of this JSON kind (for lint and the builder). */
  fits(kind: FieldKind): boolean;
  /** Masks one primitive value; never throws, and falls back to the redaction token when it cannot apply. */
  apply(value: unknown, mask: MaskOf<S>, ctx: MaskContext): string;
  /** True only for `none`: `maskValue` returns the value itself instead of calling `apply`. */
  passThrough?: boolean;
  /**
   * Binds `apply` to one mask and context ahead of time (labels computed once): the returned
   * function gives exactly `apply(value, mask, ctx)`. Styles without it are bound as a call of `apply`.
   */
  compile?(mask: MaskOf<S>, ctx: MaskContext): (value: unknown) => string;
}
