/** Limits from DESIGN.md ("Limits"), each refused with a clear error. */
export const TEMPLATE_LIMITS = {
  /** Bytes of the template's JSON text (UTF-8). */
  maxBytes: 2 * 1024 * 1024,
  /** Fields after `$ref`s are inlined. */
  maxFields: 2000,
  /** Segments of a field's schema path (`/contacts/*` + `/phone` is 3). */
  maxFieldDepth: 32,
  /** Nesting of the raw JSON document; a 32-deep field tree needs about 70. Guards the stack. */
  maxJsonDepth: 100,
  /** Schema nodes after `$ref`s are inlined (guards against exponential expansion). */
  maxExpandedNodes: 50_000,
  /** Longest `pattern` analysed for catastrophic backtracking. */
  maxPatternLength: 1000,
  /**
   * redos-detector step budget per pattern; running out counts as unsafe. Large enough that
   * literals and anchored suffixes (`Place`, `\.json$`) are proven safe (100 was not).
   */
  patternMaxSteps: 5000,
  /**
   * Backtracking score above which a pattern is refused: super-linear patterns have an infinite
   * score and are cut off here early; linear ones score 1 or 2.
   */
  patternMaxScore: 3,
  /** Distinct patterns analysed per template; more are refused unanalysed. */
  maxPatterns: 200,
  /** Analysis stops after this many unsafe patterns (the template is refused anyway). */
  maxUnsafePatterns: 3,
} as const;
