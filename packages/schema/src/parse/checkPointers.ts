import type { SanitizedField } from '../sanitized.js';
import type { Template } from '../template.js';
import type { RetentionCheck } from './collectFields.js';
import { type ParseIssue, parseIssue } from './parseIssue.js';

/**
 * Checks that every pointer of the envelope (`owner`, `due`, `subject`, views, retention `after`)
 * resolves to a field of the template.
 */
export function checkPointers(
  template: Template,
  fields: SanitizedField[],
  retentionChecks: RetentionCheck[],
): ParseIssue[] {
  const issues: ParseIssue[] = [];
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const topLeaf = (p: string | undefined) => {
    const f = p === undefined ? undefined : byPath.get(p);
    return f?.leaf === true && !f.segments.includes('*');
  };

  if (!topLeaf(template.owner)) {
    issues.push(
      parseIssue(
        '/owner',
        'owner-unresolved',
        'Point "owner" at a field outside any array that holds the owning user\'s id, e.g. "/ownerId".',
      ),
    );
  }
  if (template.due !== undefined && !topLeaf(template.due)) {
    issues.push(
      parseIssue(
        '/due',
        'due-unresolved',
        'Point "due" at a date field outside any array, e.g. "/nextContactAt".',
      ),
    );
  }
  if (template.dueRules?.closed !== undefined && !topLeaf(template.dueRules.closed.field)) {
    issues.push(
      parseIssue(
        '/dueRules/closed/field',
        'due-rules-unresolved',
        'Point "dueRules.closed.field" at a field outside any array that holds the stage, e.g. "/stage".',
      ),
    );
  }
  if (template.pool !== undefined && !topLeaf(template.pool.after)) {
    issues.push(
      parseIssue(
        '/pool/after',
        'pool-unresolved',
        'Point "pool.after" at the date of the last follow-up, a field outside any array, e.g. "/lastContactAt".',
      ),
    );
  }
  if (template.recordTitle !== undefined && !topLeaf(template.recordTitle)) {
    issues.push(
      parseIssue(
        '/recordTitle',
        'record-title-unresolved',
        'Point "recordTitle" at a field outside any array whose value names the record, e.g. "/company".',
      ),
    );
  }
  for (const [i, p] of (template.subject ?? []).entries()) {
    if (!byPath.has(p)) {
      issues.push(
        parseIssue(
          `/subject/${i}`,
          'subject-unresolved',
          'This subject pointer names no field; use a schema path such as "/contacts/*/phone".',
        ),
      );
    }
  }
  if ((template.requireConsent ?? []).length > 0 && (template.subject ?? []).length === 0) {
    issues.push(
      parseIssue(
        '/requireConsent',
        'subject-unresolved',
        'Consent is recorded per person: list the fields that identify the person in "subject".',
      ),
    );
  }
  const viewIds = new Set<string>();
  for (const [v, view] of (template.views ?? []).entries()) {
    if (viewIds.has(view.id)) {
      issues.push(parseIssue(`/views/${v}/id`, 'view-id-duplicate', 'Give each view its own id.'));
    }
    viewIds.add(view.id);
    const unresolved = (at: string) =>
      parseIssue(
        at,
        'view-field-unresolved',
        'This names no field of the schema; use a schema path such as "/stage" or "/contacts/*/name".',
      );
    for (const [c, column] of view.columns.entries()) {
      if (!byPath.has(column)) issues.push(unresolved(`/views/${v}/columns/${c}`));
    }
    for (const [f, filter] of (view.filter ?? []).entries()) {
      if (!byPath.has(filter.field)) issues.push(unresolved(`/views/${v}/filter/${f}/field`));
    }
    for (const [s, sort] of (view.sort ?? []).entries()) {
      if (!byPath.has(sort.field)) issues.push(unresolved(`/views/${v}/sort/${s}/field`));
    }
  }
  const checks = [...retentionChecks];
  const rootAfter = template.retention?.after;
  if (rootAfter !== undefined && rootAfter !== 'createdAt' && rootAfter !== 'updatedAt') {
    checks.push({ path: rootAfter.startsWith('/') ? rootAfter : '', pointer: '/retention/after' });
  }
  for (const check of checks) {
    if (byPath.get(check.path)?.leaf !== true) {
      issues.push(
        parseIssue(
          check.pointer,
          'retention-after-unresolved',
          'Use "createdAt", "updatedAt" or a pointer to a date field; inside an array item the pointer is relative to the item (e.g. "/date").',
        ),
      );
    }
  }
  return issues;
}
