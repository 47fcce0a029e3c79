import type { AccessLevel, Category, Level, Relation, RetentionRule } from '../privacy.js';
import { ACCESS_LEVELS, LEVELS } from '../privacy.js';
import type { SanitizedField, SanitizedTemplate } from '../sanitized.js';
import type { JsonSchema } from '../template.js';
import type { RowScope, WorkspacePolicy } from '../workspacePolicy.js';

/** Position of a level in `public < internal < confidential < restricted`. */
export function rankLevel(level: Level): number {
  return LEVELS.indexOf(level);
}

/** At least `confidential`. */
export function isConfidentialOrAbove(level: Level): boolean {
  return rankLevel(level) >= rankLevel('confidential');
}

/** A field belongs in the record of processing: it has a PII category or is `confidential` or above. */
export function isPersonalField(field: SanitizedField): boolean {
  return field.privacy.categories.length > 0 || isConfidentialOrAbove(field.privacy.level);
}

/** Sensitive personal information under PIPL Art. 28 (separate consent, Art. 29). */
export const SENSITIVE_CATEGORIES: readonly Category[] = ['identity', 'financial', 'health', 'minor'];

/**
 * The retention that applies to a field: its own, else the template's default, which the parser
 * already folded in for fields with a category or that look personal (a confidential field
 * without a category keeps only its own).
 */
export function effectiveRetention(field: SanitizedField): RetentionRule | undefined {
  return field.privacy.retention;
}

/** True when the field's retention is the template's default (not one of its own). */
export function retentionFromTemplate(field: SanitizedField, template: SanitizedTemplate): boolean {
  const own = field.privacy.retention;
  const dflt = template.retention;
  return (
    own !== undefined &&
    dflt !== undefined &&
    own.days === dflt.days &&
    own.after === dflt.after &&
    own.action === dflt.action
  );
}

/** The schema node at a field's segments in the (ref-inlined) sanitized schema, if it is reachable directly. */
export function schemaNodeAt(schema: JsonSchema, segments: readonly string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const segment of segments) {
    if (node === undefined) return undefined;
    node = segment === '*' ? node.items : node.properties?.[segment];
  }
  return node;
}

/**
 * Roles that can create records: those that may edit the owner field as its owner (a new record is
 * owned by whoever creates it). See docs/decisions/030-schema-lint-rules.md.
 */
export function creatorRoles(template: SanitizedTemplate, policy: WorkspacePolicy): string[] {
  const ownerField = template.fields.find((f) => f.path === template.owner);
  if (ownerField === undefined) return [];
  return policy.roles.filter((r) => ownerField.privacy.edit[r.id]?.owner === true).map((r) => r.id);
}

/** The last segment of a schema path (`*` for an array item). */
export function lastSegment(field: SanitizedField): string {
  return field.segments[field.segments.length - 1] ?? '';
}

/** Relations under which a role with this row scope can meet a record at all. */
export function relationsInScope(rowScope: RowScope): Relation[] {
  switch (rowScope) {
    case 'own':
      return ['owner'];
    case 'team':
      return ['owner', 'team'];
    case 'all':
      return ['owner', 'team', 'any'];
  }
}

/** Position of an access level in `hidden < masked < reveal < full`. */
export function rankAccess(level: AccessLevel): number {
  return ACCESS_LEVELS.indexOf(level);
}
