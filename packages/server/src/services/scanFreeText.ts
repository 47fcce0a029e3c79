import type { Viewer } from '@veil/policy';
import type { Relation, SanitizedTemplate } from '@veil/schema';
import { detectPiiSpans, type PiiSpan } from './detectPiiSpans.js';
import { fieldOfPointer, valuesAtPath } from './recordData.js';

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

/**
 * PII found inside free text is shown in full only to a viewer who may also write that text
 * (the author side: `edit` true for one of its roles and its relation). Everyone else who reads
 * the text gets the found spans starred out. See docs/decisions/081-server-free-text-pii.md.
 */
export function maskFoundPii(
  template: SanitizedTemplate,
  data: Record<string, unknown>,
  viewer: Viewer,
  relation: Relation,
): void {
  for (const field of template.fields) {
    if (!field.leaf || !field.privacy.scan) continue;
    const mayWrite = viewer.principal.roles.some((role) => field.privacy.edit[role]?.[relation] === true);
    if (mayWrite) continue;
    for (const found of valuesAtPath(data, field.segments)) {
      if (typeof found.value !== 'string') continue;
      const spans = detectPiiSpans(found.value);
      if (spans.length > 0) found.parent[found.key] = starSpans(found.value, spans);
    }
  }
}

function starSpans(text: string, spans: readonly PiiSpan[]): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out += text.slice(at, span.start) + '*'.repeat(Math.max(3, Math.min(8, span.end - span.start)));
    at = span.end;
  }
  return out + text.slice(at);
}
