import type { SanitizedTemplate } from '@veil/schema';
import { detectPiiSpans, type PiiSpan } from './detectPiiSpans.js';
import { fieldOfPointer } from './recordData.js';

/** PII found in one free-text value: kinds and spans, never the text. */
export interface PiiFinding {
  pointer: string;
  spans: PiiSpan[];
}

/** Scans the changed values of fields with `scan` on. */
export function scanChanges(
  template: SanitizedTemplate,
  changes: readonly { pointer: string; value: unknown }[],
): PiiFinding[] {
  const findings: PiiFinding[] = [];
  for (const change of changes) {
    const field = fieldOfPointer(template, change.pointer);
    if (!field?.privacy.scan || typeof change.value !== 'string') continue;
    const spans = detectPiiSpans(change.value);
    if (spans.length > 0) findings.push({ pointer: change.pointer, spans });
  }
  return findings;
}
