import type { DepartmentDoc, UserDoc } from '@veil/store';

// TODO(capabilities): once the workspace policy grants `exports.approve`, ask `can(principal,
// 'exports.approve')` instead of reading role ids here.
const MANAGER_ROLE = 'manager';
const ADMIN_ROLE = 'admin';

/**
 * Who may approve an export of `requester`: the active managers of the requester's department
 * or of a department above it — never the requester. A manager's own department is skipped, so
 * a manager's export goes to the manager above; with nobody above, to the active admins.
 */
export function exportApproversOf(
  requester: UserDoc,
  users: readonly UserDoc[],
  departments: readonly DepartmentDoc[],
): string[] {
  const parentOf = new Map(departments.map((d) => [d.id, d.parentId]));
  const chain: string[] = [];
  const seen = new Set<string>();
  let current = requester.departmentId;
  while (current !== null && current !== undefined && !seen.has(current)) {
    seen.add(current);
    chain.push(current);
    current = parentOf.get(current) ?? null;
  }
  // Departments the requester manages (and everything below them) cannot approve the requester.
  const own = new Set(requester.managedDepartmentIds);
  const firstAbove = chain.findIndex((d) => !own.has(d));
  const above = firstAbove === -1 ? [] : chain.slice(firstAbove).filter((d) => !own.has(d));
  const managers = users.filter(
    (user) =>
      user.active &&
      user.id !== requester.id &&
      user.roles.includes(MANAGER_ROLE) &&
      user.managedDepartmentIds.some((d) => above.includes(d)),
  );
  if (managers.length > 0) return managers.map((user) => user.id).sort();
  return users
    .filter((user) => user.active && user.id !== requester.id && user.roles.includes(ADMIN_ROLE))
    .map((user) => user.id)
    .sort();
}
