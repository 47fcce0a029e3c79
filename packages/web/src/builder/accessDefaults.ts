import type { AccessLevel, AccessMap, Level, Relation, RoleDefinition, WorkspacePolicy } from '@veil/schema';

const FALLBACK: Record<Relation, Relation[]> = {
  owner: ['owner', 'team', 'any'],
  team: ['team', 'any'],
  any: ['any'],
};

/** One cell of the access matrix as DESIGN.md resolves it: most specific key, then relation fallback. */
export function resolveAccessCell(map: AccessMap, role: RoleDefinition, relation: Relation): AccessLevel {
  for (const key of [role.id, role.kind, '*']) {
    if (!Object.hasOwn(map, key)) continue;
    const rule = map[key];
    if (typeof rule === 'string') return rule;
    for (const rel of FALLBACK[relation]) {
      const level = rule?.[rel];
      if (level !== undefined) return level;
    }
    return 'hidden';
  }
  return 'hidden';
}

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

/** Relations an edit map lists for a role: its id, then its kind, then `*` (none: no relation). */
export function editRelations(map: Record<string, Relation[]>, role: RoleDefinition): Relation[] {
  for (const key of [role.id, role.kind, '*']) if (Object.hasOwn(map, key)) return map[key] ?? [];
  return [];
}

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
