import {
  type Capability,
  capabilityGrantsOf,
  RECORD_CAPABILITIES,
  type RecordCapability,
  type Relation,
  type RoleDefinition,
  WORKSPACE_CAPABILITIES,
  type WorkspaceCapability,
  type WorkspacePolicy,
} from '@veil/schema';
import type { Principal } from '../types.js';

/** What one principal may do beyond reading and writing fields; safe to send to its browser. */
export interface ViewerCapabilities {
  /** The workspace capabilities the principal holds, in `WORKSPACE_CAPABILITIES` order. */
  workspace: WorkspaceCapability[];
  /** Per record capability, the relations to a record on which the principal holds it (`owner, team, any` order). */
  records: Record<RecordCapability, Relation[]>;
}

const RELATIONS: readonly Relation[] = ['owner', 'team', 'any'];

/** Whether relations listed in a grant cover a principal whose most specific relation is `relation` (as for `edit`). */
function covers(listed: readonly Relation[], relation: Relation): boolean {
  switch (relation) {
    case 'owner':
      return listed.some((l) => RELATIONS.includes(l));
    case 'team':
      return listed.includes('team') || listed.includes('any');
    case 'any':
      return listed.includes('any');
  }
}

/** The grant entry that applies to a role: role id, then kind, then `*`. */
function entryFor(
  map: Partial<Record<string, Relation[]>>,
  role: RoleDefinition,
): readonly Relation[] | undefined {
  for (const key of [role.id, role.kind, '*']) if (Object.hasOwn(map, key)) return map[key];
  return undefined;
}

/**
 * The capabilities a principal holds under a workspace policy: the union over its roles (roles
 * the policy does not define grant nothing). Omitted capabilities take their default grant.
 */
export function capabilitiesOf(
  policy: WorkspacePolicy,
  principal: Pick<Principal, 'roles'>,
): ViewerCapabilities {
  const grants = capabilityGrantsOf(policy);
  const roles = policy.roles.filter((role) => principal.roles.includes(role.id));
  const workspace = WORKSPACE_CAPABILITIES.filter((capability) => {
    const listed = grants[capability];
    return (
      Array.isArray(listed) &&
      roles.some((role) => listed.includes(role.id) || listed.includes(role.kind) || listed.includes('*'))
    );
  });
  const records = {} as Record<RecordCapability, Relation[]>;
  for (const capability of RECORD_CAPABILITIES) {
    const map = grants[capability] ?? {};
    records[capability] = RELATIONS.filter((relation) =>
      roles.some((role) => covers(entryFor(map, role) ?? [], relation)),
    );
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
  principal: Pick<Principal, 'roles'>,
  capability: WorkspaceCapability,
): boolean;
export function can(
  policy: WorkspacePolicy,
  principal: Pick<Principal, 'roles'>,
  capability: RecordCapability,
  relation: Relation,
): boolean;
export function can(
  policy: WorkspacePolicy,
  principal: Pick<Principal, 'roles'>,
  capability: Capability,
  relation?: Relation,
): boolean {
  if (isRecordCapability(capability) && relation === undefined) return false;
  return holds(capabilitiesOf(policy, principal), capability, relation);
}
