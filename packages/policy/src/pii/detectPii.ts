import { PII_DETECTORS } from './piiDetectors.js';
import type { DetectPiiOptions, PiiScanContext, PiiSpan } from './piiTypes.js';
import { toScanView } from './scanView.js';

/** Keeps the longest, then most confident, of overlapping spans; returns them in text order. */
function resolveOverlaps(spans: PiiSpan[]): PiiSpan[] {
  const ranked = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start,
  );
  const kept: PiiSpan[] = [];
  for (const span of ranked) {
    if (kept.every((k) => span.end <= k.start || span.start >= k.end)) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Finds personal data (phone numbers, IDs, cards, e-mail addresses …) in free text, for the
 * `scan` annotation and for warnings while typing. Each detector makes one pass over the text.
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiSpan[] {
  const view = toScanView(text);
  const context: PiiScanContext = options.today === undefined ? { view } : { view, today: options.today };
  const spans: PiiSpan[] = [];
  for (const detector of Object.values(PII_DETECTORS)) {
    for (const candidate of detector.find(view)) {
      const confidence = detector.validate(candidate, context);
      if (confidence > 0)
        spans.push({ type: detector.type, start: candidate.start, end: candidate.end, confidence });
    }
  }
  return resolveOverlaps(spans);
}
