import {
  type AccessLevel,
  type AccessMap,
  editRelationsOf,
  type Level,
  type Relation,
  type RoleDefinition,
  resolveAccess,
  type WorkspacePolicy,
} from '@veil/schema';

/** One cell of the access matrix, resolved by `@veil/schema` exactly as `parseTemplate` resolves it. */
export const resolveAccessCell: (map: AccessMap, role: RoleDefinition, relation: Relation) => AccessLevel =
  resolveAccess;

/**
 * What a role reads under a relation when the field does not name that role: the level default
 * overridden by the field's other keys (its kind or `*`).
 */
export function defaultAccess(
  policy: WorkspacePolicy,
  level: Level,
  fieldAccess: AccessMap | undefined,
  role: RoleDefinition,
  relation: Relation,
): AccessLevel {
  const merged: AccessMap = { ...policy.levelDefaults[level].access };
  for (const [key, rule] of Object.entries(fieldAccess ?? {})) if (key !== role.id) merged[key] = rule;
  return resolveAccessCell(merged, role, relation);
}

/** Relations an edit map lists for a role (`@veil/schema`'s resolution: id, then kind, then `*`). */
export const editRelations: (map: Record<string, Relation[]>, role: RoleDefinition) => Relation[] =
  editRelationsOf;

/**
 * The field's edit map made explicit per role id: a field's `edit` replaces the workspace's
 * `editDefault` as a whole, so the first edit in the builder starts from what applied before.
 */
export function explicitEditMap(
  policy: WorkspacePolicy,
  fieldEdit: Record<string, Relation[]> | undefined,
): Record<string, Relation[]> {
  const source = fieldEdit ?? policy.editDefault;
  const out: Record<string, Relation[]> = {};
  for (const role of policy.roles) out[role.id] = [...editRelations(source, role)];
  return out;
}
