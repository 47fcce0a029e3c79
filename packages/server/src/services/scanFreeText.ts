import { detectPii, maskText, type Viewer } from '@veil/policy';
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
 * the text gets the found spans masked with `maskText`. See docs/decisions/081-server-free-text-pii.md.
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
      const spans = detectPii(found.value);
      if (spans.length > 0) found.parent[found.key] = maskText(found.value, spans);
    }
  }
}
