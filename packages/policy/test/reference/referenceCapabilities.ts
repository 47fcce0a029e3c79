/**
 * A naive model of capability grants (DESIGN.md, "The workspace policy"), written independently
 * of src/capabilities: for each role of the principal, look its grant up by id, kind, then `*`;
 * a listed relation covers itself and every more specific relation.
 */
import {
  type Capability,
  DEFAULT_CAPABILITIES,
  RECORD_CAPABILITIES,
  type Relation,
  type WorkspacePolicy,
} from '@veil/schema';

const SPECIFICITY: Record<string, number> = { owner: 0, team: 1, any: 2 };

export function refCan(
  policy: WorkspacePolicy,
  roles: readonly string[],
  capability: Capability,
  relation?: Relation,
): boolean {
  const grant =
    policy.capabilities && Object.hasOwn(policy.capabilities, capability)
      ? policy.capabilities[capability]
      : DEFAULT_CAPABILITIES[capability];
  const isRecord = (RECORD_CAPABILITIES as readonly string[]).includes(capability);
  for (const roleId of roles) {
    const role = policy.roles.find((r) => r.id === roleId);
    if (!role) continue;
    if (!isRecord) {
      const list = grant as string[];
      if (list.includes(role.id) || list.includes(role.kind) || list.includes('*')) return true;
      continue;
    }
    if (relation === undefined) continue;
    const map = grant as Record<string, Relation[]>;
    const key = [role.id, role.kind, '*'].find((k) => Object.hasOwn(map, k));
    if (key === undefined) continue;
    if (map[key]!.some((listed) => SPECIFICITY[listed]! >= SPECIFICITY[relation]!)) return true;
  }
  return false;
}
