import {
  type Capability,
  capabilityGrantsOf,
  RECORD_CAPABILITIES,
  RELATIONS,
  type RecordCapability,
  type Relation,
  roleCapabilityRelations,
  roleHoldsCapability,
  WORKSPACE_CAPABILITIES,
  type WorkspaceCapability,
  type WorkspacePolicy,
} from '@veil/schema';

/** What one principal may do beyond reading and writing fields; safe to send to its browser. */
export interface ViewerCapabilities {
  /** The workspace capabilities the principal holds, in `WORKSPACE_CAPABILITIES` order. */
  workspace: WorkspaceCapability[];
  /** Per record capability, the relations to a record on which the principal holds it (`owner, team, any` order). */
  records: Record<RecordCapability, Relation[]>;
}

/**
 * The capabilities a principal holds under a workspace policy: the union over its roles (roles
 * the policy does not define grant nothing). Omitted capabilities take their default grant.
 */
export function capabilitiesOf(
  policy: WorkspacePolicy,
  principal: { readonly roles: readonly string[] },
): ViewerCapabilities {
  const grants = capabilityGrantsOf(policy);
  const roles = policy.roles.filter((role) => principal.roles.includes(role.id));
  const workspace = WORKSPACE_CAPABILITIES.filter((capability) =>
    roles.some((role) => roleHoldsCapability(grants, role, capability)),
  );
  const records = {} as Record<RecordCapability, Relation[]>;
  for (const capability of RECORD_CAPABILITIES) {
    const held = new Set(roles.flatMap((role) => roleCapabilityRelations(grants, role, capability)));
    records[capability] = RELATIONS.filter((relation) => held.has(relation));
  }
  return { workspace, records };
}

function isRecordCapability(capability: Capability): capability is RecordCapability {
  return (RECORD_CAPABILITIES as readonly string[]).includes(capability);
}

/**
 * Whether capabilities include `capability`. For a record capability pass the principal's
 * relation to the record; without one the answer is whether it holds on some relation (for
 * offering an action, never for allowing it).
 */
export function holds(
  capabilities: ViewerCapabilities,
  capability: Capability,
  relation?: Relation,
): boolean {
  if (isRecordCapability(capability)) {
    const relations = capabilities.records[capability];
    return relation === undefined ? relations.length > 0 : relations.includes(relation);
  }
  return capabilities.workspace.includes(capability);
}

/**
 * Whether a principal may do `capability` under the workspace policy: for a record capability,
 * on a record it has `relation` to (its relation inside its row scope).
 */
export function can(
  policy: WorkspacePolicy,
  principal: { readonly roles: readonly string[] },
  capability: WorkspaceCapability,
): boolean;
export function can(
  policy: WorkspacePolicy,
  principal: { readonly roles: readonly string[] },
  capability: RecordCapability,
  relation: Relation,
): boolean;
export function can(
  policy: WorkspacePolicy,
  principal: { readonly roles: readonly string[] },
  capability: Capability,
  relation?: Relation,
): boolean {
  if (isRecordCapability(capability) && relation === undefined) return false;
  return holds(capabilitiesOf(policy, principal), capability, relation);
}
