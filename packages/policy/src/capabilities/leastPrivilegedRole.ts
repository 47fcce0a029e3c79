import type { RoleDefinition, WorkspacePolicy } from '@veil/schema';
import { scopeWidth } from '../engine/accessRank.js';
import { capabilitiesOf } from './capabilitiesOf.js';

/**
 * The staff role that may do least (narrowest row scope, then fewest capabilities; the first in
 * policy order on a tie), or the first role when there is no staff role: what the builder
 * previews first, so an author sees the template as its most restricted employee does.
 */
export function leastPrivilegedRole(policy: WorkspacePolicy): RoleDefinition | undefined {
  const staff = policy.roles.filter((role) => role.kind === 'staff');
  const weight = (role: RoleDefinition): number => {
    const held = capabilitiesOf(policy, { roles: [role.id] });
    const recordRelations = Object.values(held.records).reduce((n, relations) => n + relations.length, 0);
    return scopeWidth(role.rowScope) * 1000 + held.workspace.length + recordRelations;
  };
  let best: RoleDefinition | undefined;
  for (const role of staff) if (best === undefined || weight(role) < weight(best)) best = role;
  return best ?? policy.roles[0];
}
