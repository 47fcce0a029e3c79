import { toNumberView } from './numberView.js';
import { NUMBER_DETECTORS, PII_DETECTORS } from './piiDetectors.js';
import type { DetectPiiOptions, PiiDetector, PiiScanContext, PiiSpan } from './piiTypes.js';
import { toHalfWidthText, toScanView } from './scanView.js';

/** Of overlapping spans, keeps the longest, then the most confident, then the first. */
function resolveCluster(cluster: PiiSpan[], kept: PiiSpan[]): void {
  if (cluster.length === 1) {
    kept.push(cluster[0] as PiiSpan);
    return;
  }
  const ranked = [...cluster].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start,
  );
  const chosen: PiiSpan[] = [];
  for (const span of ranked) {
    if (chosen.every((k) => span.end <= k.start || span.start >= k.end)) chosen.push(span);
  }
  kept.push(...chosen.sort((a, b) => a.start - b.start));
}

/**
 * Keeps the longest, then most confident, of overlapping spans; returns them in text order.
 * Spans are first split into clusters that overlap among themselves (a sweep in text order),
 * so the choice is made within each small cluster, not across all spans of a long text.
 */
function resolveOverlaps(spans: PiiSpan[]): PiiSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PiiSpan[] = [];
  let cluster: PiiSpan[] = [];
  let clusterEnd = -1;
  for (const span of sorted) {
    if (cluster.length > 0 && span.start >= clusterEnd) {
      resolveCluster(cluster, kept);
      cluster = [];
    }
    cluster.push(span);
    clusterEnd = Math.max(clusterEnd, span.end);
  }
  if (cluster.length > 0) resolveCluster(cluster, kept);
  return kept;
}

/** Runs detectors over one view; `map` turns view offsets into text offsets. */
function scan(
  detectors: readonly PiiDetector[],
  context: PiiScanContext,
  spans: PiiSpan[],
  map?: { starts: number[]; ends: number[] },
): void {
  for (const detector of detectors) {
    for (const candidate of detector.find(context.view, context)) {
      const confidence = detector.validate(candidate, context);
      if (confidence <= 0) continue;
      const start = map ? (map.starts[candidate.start] ?? 0) : candidate.start;
      const end = map ? (map.ends[candidate.end - 1] ?? start) : candidate.end;
      spans.push({ type: detector.type, start, end, confidence });
    }
  }
}

/**
 * Finds personal data (phone numbers, IDs, cards, e-mail addresses, names, addresses, chat ids,
 * licence plates …) in free text, for the `scan` annotation and for warnings while typing. Each
 * detector makes one pass over the text. Numbers written to slip past a pattern (Chinese
 * numerals, look-alike letters, odd separators, zero-width characters) get a second pass of the
 * number detectors over the normalised number view; its spans map back to the text as written.
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiSpan[] {
  const half = toHalfWidthText(text);
  const view = toScanView(half);
  const today = options.today === undefined ? {} : { today: options.today };
  const spans: PiiSpan[] = [];
  scan(Object.values(PII_DETECTORS), { view, text: half, ...today }, spans);
  const numbers = toNumberView(view);
  if (numbers !== undefined) {
    scan(NUMBER_DETECTORS, { view: numbers.view, text: numbers.view, ...today }, spans, numbers);
  }
  return resolveOverlaps(spans);
}
