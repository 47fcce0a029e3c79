import type { SanitizedField } from '../../sanitized.js';
import { creatorRoles, lastSegment, schemaNodeAt } from '../fieldFacts.js';
import type { LintRule } from '../lintRule.js';

/** Required wherever a creator has to fill it: required itself, and every enclosing object (not array item) required too. */
function mustBeFilled(field: SanitizedField, byPath: Map<string, SanitizedField>): boolean {
  if (!field.required) return false;
  for (let parent = byPath.get(field.parent); parent !== undefined; parent = byPath.get(parent.parent)) {
    if (parent.kind === 'object' && lastSegment(parent) !== '*' && !parent.required) return false;
  }
  return true;
}

export const requiredHiddenFromCreator: LintRule = {
  code: 'required-hidden-from-creator',
  severity: 'error',
  description:
    'A required field is hidden, masked or read-only for a role that can create records (a role that may edit the owner field as owner), so that role can never save a new record.',
  check: ({ sanitized, policy }) => {
    const creators = creatorRoles(sanitized, policy);
    const byPath = new Map(sanitized.fields.map((f) => [f.path, f]));
    const hits = [];
    for (const field of sanitized.fields) {
      if (field.path === sanitized.owner || !mustBeFilled(field, byPath)) continue;
      const node = schemaNodeAt(sanitized.schema, field.segments);
      if (node !== undefined && ('default' in node || 'const' in node)) continue;
      const blocked = creators.flatMap((role) => {
        const access = field.privacy.access[role]?.owner ?? 'hidden';
        if (access !== 'full') return [`${role}:${access}`];
        return field.privacy.edit[role]?.owner === true ? [] : [`${role}:read-only`];
      });
      if (blocked.length > 0) {
        hits.push({
          path: field.path,
          params: { roles: blocked },
        });
      }
    }
    return hits;
  },
};
