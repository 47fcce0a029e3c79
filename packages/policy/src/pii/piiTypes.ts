/** Kinds of personal data `detectPii` finds in free text. */
export type PiiType =
  | 'mobile'
  | 'landline'
  | 'resident-id'
  | 'uscc'
  | 'bank-card'
  | 'email'
  | 'passport'
  | 'hk-id'
  | 'tw-id'
  | 'name'
  | 'address'
  | 'wechat'
  | 'qq'
  | 'plate';

/** One finding in a text. Offsets are UTF-16 code units, as JavaScript strings index. */
export interface PiiSpan {
  /** What was found. */
  type: PiiType;
  /** Offset of the first code unit of the value (a `+86` prefix and separators are part of the span). */
  start: number;
  /** Offset just past the last code unit of the value. */
  end: number;
  /** 0–1: how sure the detector is (check digit, issuer prefix and context words raise it). */
  confidence: number;
}

/** Options of `detectPii`. */
export interface DetectPiiOptions {
  /** ISO date of today; resident IDs born after it are not IDs (the package reads no clock). */
  today?: string;
}

/** A stretch of text a detector's pattern matched, before validation. */
export interface PiiCandidate {
  /** Offset of the first code unit. */
  start: number;
  /** Offset just past the last code unit. */
  end: number;
  /** The matched text of the scan view (half-width, ASCII upper-case). */
  value: string;
  /** How sure the finder already is, for detectors that weigh their cues while finding. */
  confidence?: number;
}

/** What a detector's validation may look at besides the candidate. */
export interface PiiScanContext {
  /** The scan view of the whole text: same length as the input, half-width, ASCII upper-case. */
  view: string;
  /** The text as written (half-width), same offsets as the view: for detectors that need letter case. */
  text: string;
  /** From the caller's options. */
  today?: string;
}

/** One kind of personal data: where it may be, and whether a match really is one. */
export interface PiiDetector {
  /** The type of the spans it reports. */
  type: PiiType;
  /** All candidates in the scan view, in one pass (linear in the text length). */
  find(view: string, context: PiiScanContext): PiiCandidate[];
  /** Confidence (0–1) that the candidate is personal data of this type; 0 refuses it. */
  validate(candidate: PiiCandidate, context: PiiScanContext): number;
}
