import type { Directory, Principal, Viewer } from '../types.js';

/**
 * Resolves a principal's team once: its own department plus every department in the
 * subtrees of the departments it manages. The tree may be malformed (cycles); each
 * department is visited once.
 */
export function createViewer(principal: Principal, directory: Directory): Viewer {
  const childrenOf = new Map<string, string[]>();
  for (const department of Object.keys(directory.parentOf)) {
    const parent = directory.parentOf[department];
    if (typeof parent !== 'string') continue;
    const siblings = childrenOf.get(parent);
    if (siblings === undefined) childrenOf.set(parent, [department]);
    else siblings.push(department);
  }
  const team = new Set<string>();
  if (principal.departmentId !== null) team.add(principal.departmentId);
  const visited = new Set<string>();
  const queue: string[] = [...principal.managedDepartmentIds];
  while (queue.length > 0) {
    const department = queue.pop()!;
    if (visited.has(department)) continue;
    visited.add(department);
    team.add(department);
    for (const child of childrenOf.get(department) ?? []) queue.push(child);
  }
  const departmentOf = directory.departmentOf;
  return {
    principal,
    teamDepartments: team,
    departmentOf: (userId: string) =>
      Object.hasOwn(departmentOf, userId) ? departmentOf[userId] : undefined,
  };
}
