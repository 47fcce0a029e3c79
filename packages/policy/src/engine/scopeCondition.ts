import type { Relation } from '@veil/schema';
import type { Viewer } from '../types.js';

/**
 * Which records a query may reach: the one scope type shared by the policy and every store
 * adapter, a condition a database can join (records → owner → department) rather than a list of
 * owner ids built per request. A record's relation to the viewer is exactly one of:
 * - `owner`: its owner field is `self`;
 * - `team`: its owner is another user whose department is in `departments`;
 * - `any`: everything else (other owners, and records without a string owner).
 *
 * A record is in scope when its relation is in `relations`. With all three every record is in
 * scope; the usual row scopes are `['owner']`, `['owner', 'team']` and all three, and a
 * blind-index match narrows the list to the relations that read the matched field in full.
 */
export interface ScopeCondition {
  /** The viewer's user id: records it owns have relation `owner`. */
  self: string;
  /** The viewer's team departments, sorted: other users' records there have relation `team`. */
  departments: string[];
  /** The relations whose records are in scope, most specific first; empty = nothing. */
  relations: Relation[];
}

/** The scope condition of a viewer admitting `relations` (kept in `owner, team, any` order). */
export function scopeConditionOf(viewer: Viewer, relations: readonly Relation[]): ScopeCondition {
  const order: readonly Relation[] = ['owner', 'team', 'any'];
  return {
    self: viewer.principal.id,
    departments: [...viewer.teamDepartments].sort(),
    relations: order.filter((relation) => relations.includes(relation)),
  };
}

/**
 * The relation a record owned by `ownerId` has under `scope`, or `null` when it is outside it:
 * the meaning every adapter's translation must keep (the contract suite checks it against this).
 */
export function relationInScope(
  scope: ScopeCondition,
  ownerId: unknown,
  departmentOf: (userId: string) => string | undefined,
): Relation | null {
  let relation: Relation = 'any';
  if (typeof ownerId === 'string') {
    if (ownerId === scope.self) relation = 'owner';
    else {
      const department = departmentOf(ownerId);
      if (department !== undefined && scope.departments.includes(department)) relation = 'team';
    }
  }
  return scope.relations.includes(relation) ? relation : null;
}

/** A scope as a list of owners, for stores that filter on owner ids (today's `RecordScope`). */
export type OwnerScope = { kind: 'all' } | { kind: 'owners'; ownerIds: string[] };

/**
 * Translates a scope condition into owner ids among `userIds` (in their order). Every relation
 * admitted = `all`. Otherwise records without a string owner are left out even when `any` is
 * admitted (never more than the condition admits). An adapter that can join should translate the
 * condition itself: this walks every user.
 */
export function ownerScopeOf(
  scope: ScopeCondition,
  userIds: readonly string[],
  departmentOf: (userId: string) => string | undefined,
): OwnerScope {
  if (scope.relations.length === 3) return { kind: 'all' };
  return {
    kind: 'owners',
    ownerIds: userIds.filter((userId) => relationInScope(scope, userId, departmentOf) !== null),
  };
}
