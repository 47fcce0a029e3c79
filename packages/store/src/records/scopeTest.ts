import type { RecordScope } from '../store.js';

/** How an adapter without joins resolves users and departments for a scope condition. */
export interface ScopeDirectory {
  /** The department of a user; `undefined`/`null` when the user is unknown or has none. */
  departmentOf(userId: string): string | null | undefined;
  /** Direct children of a department. */
  childrenOf(departmentId: string): readonly string[];
}

/** Departments named plus every department below the `subtrees` ones (cycles visited once). */
function scopeDepartments(
  departments: readonly string[],
  subtrees: readonly string[],
  directory: ScopeDirectory,
): Set<string> {
  const out = new Set(departments);
  const visited = new Set<string>();
  const queue = [...subtrees];
  while (queue.length > 0) {
    const department = queue.pop() as string;
    if (visited.has(department)) continue;
    visited.add(department);
    out.add(department);
    for (const child of directory.childrenOf(department)) queue.push(child);
  }
  return out;
}

/**
 * The owner test of a scope (see `RecordScope`); `undefined` admits every row. Only a string
 * owner can be in a restricted scope.
 */
export function scopeTest(
  scope: RecordScope | undefined,
  directory: ScopeDirectory,
): ((owner: unknown) => boolean) | undefined {
  if (scope === undefined || scope.kind === 'all') return undefined;
  if (scope.kind === 'owners') {
    const owners = new Set(scope.ownerIds);
    return (owner) => typeof owner === 'string' && owners.has(owner);
  }
  const departments = scopeDepartments(scope.departments, scope.subtrees ?? [], directory);
  const { self, own } = scope;
  return (owner) => {
    if (typeof owner !== 'string') return false;
    if (owner === self) return own;
    const department = directory.departmentOf(owner);
    return typeof department === 'string' && departments.has(department);
  };
}

/**
 * The owners whose rows a scope admits, for adapters that count rows per owner: the same rows
 * as `scopeTest` (the principal's own when `own`, then every other member of the scope's
 * departments); `undefined` when the scope admits every row.
 */
export function scopeOwners(
  scope: RecordScope | undefined,
  directory: ScopeDirectory,
  members: ReadonlyMap<string, readonly string[]>,
): string[] | undefined {
  if (scope === undefined || scope.kind === 'all') return undefined;
  if (scope.kind === 'owners') return [...new Set(scope.ownerIds)];
  const owners = new Set<string>();
  if (scope.own) owners.add(scope.self);
  for (const department of scopeDepartments(scope.departments, scope.subtrees ?? [], directory))
    for (const user of members.get(department) ?? []) if (user !== scope.self) owners.add(user);
  return [...owners];
}
