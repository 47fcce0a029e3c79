import { detectPii, maskText, type Viewer } from '@veil/policy';
import type { Relation, SanitizedTemplate, WorkspacePolicy } from '@veil/schema';
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

const SCOPE_RELATIONS: Record<WorkspacePolicy['roles'][number]['rowScope'], Relation[]> = {
  own: ['owner'],
  team: ['owner', 'team'],
  all: ['owner', 'team', 'any'],
};

/** The relations the widest row scope among the viewer's roles admits. */
function admittedRelations(policy: WorkspacePolicy, viewer: Viewer): Relation[] {
  let widest: Relation[] = [];
  for (const role of policy.roles) {
    if (!viewer.principal.roles.includes(role.id)) continue;
    const relations = SCOPE_RELATIONS[role.rowScope] ?? [];
    if (relations.length > widest.length) widest = relations;
  }
  return widest;
}

/**
 * Schema paths among `paths` whose text this viewer would see with found PII masked on some row
 * its scope admits (see `maskFoundPii`). Such a field is not read in full there, so filtering,
 * sorting, searching, grouping or matching on it would answer from the raw text: an oracle on
 * the masked numbers (and a sort cursor or a group value would carry them outright).
 */
export function piiMaskedPaths(
  template: SanitizedTemplate,
  policy: WorkspacePolicy,
  viewer: Viewer,
  paths: readonly string[],
): string[] {
  const relations = admittedRelations(policy, viewer);
  return paths.filter((path) => {
    const field = template.fields.find((f) => f.path === path);
    if (!field?.privacy.scan) return false;
    return relations.some(
      (relation) => !viewer.principal.roles.some((role) => field.privacy.edit[role]?.[relation] === true),
    );
  });
}
