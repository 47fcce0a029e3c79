import { escapeSegment as esc } from '../jsonPointer.js';
import { ACCESS_RANK, accessForRelation, EXPORT_RANK } from '../parse/privacyOrder.js';
import { editCovers, pick } from '../parse/resolvePrivacy.js';
import { type AccessLevel, LEVELS, RELATIONS, type Relation } from '../privacy.js';
import {
  capabilityGrantsOf,
  RECORD_CAPABILITIES,
  type RoleDefinition,
  type RowScope,
  roleCapabilityRelations,
  roleHoldsCapability,
  WORKSPACE_CAPABILITIES,
  type WorkspacePolicy,
} from '../workspacePolicy.js';

/** What changed between two versions of the workspace policy. */
export type WorkspacePolicyChangeKind =
  /** A role exists only in the new version (what it may do shows up as its own changes). */
  | 'role-added'
  /** A role exists only in the old version. */
  | 'role-removed'
  /** A role's kind changed (it now matches other keys of access, edit and capability maps). */
  | 'role-kind-changed'
  /** A role sees more records (`own` → `team` → `all`). */
  | 'row-scope-widened'
  | 'row-scope-narrowed'
  /** A level default lets a role read more under some relation (e.g. masked → full). */
  | 'access-widened'
  | 'access-narrowed'
  /** A level default's export became more permissive (deny → masked → approval → allow). */
  | 'export-loosened'
  | 'export-tightened'
  /** `editDefault` lets a role write under a relation it could not before. */
  | 'edit-widened'
  | 'edit-narrowed'
  /** A role now holds a capability (for record capabilities: on one more relation). */
  | 'capability-granted'
  | 'capability-revoked'
  /** More rows may be exported before a manager's approval is needed. */
  | 'approval-threshold-raised'
  | 'approval-threshold-lowered'
  | 'purpose-added'
  /** Templates that use it no longer parse (such a change is refused by the server). */
  | 'purpose-removed'
  /** The purpose's wording changed: consent given for the old wording may not cover the new. */
  | 'purpose-changed';

/** One change; it names paths, roles, relations and levels only (never a record value). */
export interface WorkspacePolicyChange {
  /** JSON pointer into the new policy (into the old one for removals), e.g. `/levelDefaults/confidential/access`. */
  path: string;
  kind: WorkspacePolicyChangeKind;
  /** Set when the change makes protection weaker or stronger. */
  privacy?: 'weakens' | 'strengthens';
  /** The role concerned, when there is one. */
  role?: string;
  /** The relation concerned (access, edit and record capabilities). */
  relation?: Relation;
  /** The capability concerned. */
  capability?: string;
  /** The old access level, export rule, row scope, kind or threshold (as text); absent when there was none. */
  from?: string;
  /** The new one; absent when there is none. */
  to?: string;
  /** One English sentence for the confirmation dialog and logs. */
  message: string;
}

export interface WorkspacePolicyDiff {
  changes: WorkspacePolicyChange[];
  /** True when any change weakens privacy: saving it needs an explicit confirmation. */
  weakensPrivacy: boolean;
}

const SCOPE_RANK: Record<RowScope, number> = { own: 1, team: 2, all: 3 };

type Change = Omit<WorkspacePolicyChange, 'message'> & { message?: string };

function byDirection(delta: number, wider: Change, narrower: Change): Change[] {
  if (delta === 0) return [];
  return [delta > 0 ? { ...wider, privacy: 'weakens' } : { ...narrower, privacy: 'strengthens' }];
}

function describe(change: Change): WorkspacePolicyChange {
  if (change.message !== undefined) return change as WorkspacePolicyChange;
  const who = change.role === undefined ? '' : ` for ${change.role}`;
  const on = change.relation === undefined ? '' : ` (${change.relation})`;
  const what = change.capability ?? change.path;
  const fromTo = `${change.from ?? 'none'} → ${change.to ?? 'none'}`;
  return { ...change, message: `${change.kind}: ${what}${who}${on}, ${fromTo}.` };
}

/** Per role: what it may read, write and do under a policy (`undefined` role = nothing). */
function compareRole(
  a: WorkspacePolicy,
  b: WorkspacePolicy,
  roleA: RoleDefinition | undefined,
  roleB: RoleDefinition | undefined,
): Change[] {
  const role = (roleB ?? roleA)!.id;
  const changes: Change[] = [];
  const scopeA = roleA ? SCOPE_RANK[roleA.rowScope] : 0;
  const scopeB = roleB ? SCOPE_RANK[roleB.rowScope] : 0;
  const scopePath = `/roles/${esc(role)}/rowScope`;
  const scope: Change = { path: scopePath, kind: 'row-scope-widened', role };
  if (roleA) scope.from = roleA.rowScope;
  if (roleB) scope.to = roleB.rowScope;
  changes.push(...byDirection(scopeB - scopeA, scope, { ...scope, kind: 'row-scope-narrowed' }));

  for (const level of LEVELS) {
    const path = `/levelDefaults/${level}/access`;
    for (const relation of RELATIONS) {
      const read = (policy: WorkspacePolicy, r: RoleDefinition | undefined): AccessLevel =>
        r === undefined ? 'hidden' : accessForRelation(pick(policy.levelDefaults[level].access, r), relation);
      const from = read(a, roleA);
      const to = read(b, roleB);
      const change: Change = { path, kind: 'access-widened', role, relation, from, to };
      changes.push(
        ...byDirection(ACCESS_RANK[to] - ACCESS_RANK[from], change, { ...change, kind: 'access-narrowed' }),
      );
    }
  }
  for (const relation of RELATIONS) {
    const writes = (policy: WorkspacePolicy, r: RoleDefinition | undefined): number =>
      r !== undefined && editCovers(pick(policy.editDefault, r) ?? [], relation) ? 1 : 0;
    const from = writes(a, roleA);
    const to = writes(b, roleB);
    const change: Change = { path: '/editDefault', kind: 'edit-widened', role, relation };
    changes.push(...byDirection(to - from, change, { ...change, kind: 'edit-narrowed' }));
  }
  const grantsA = capabilityGrantsOf(a);
  const grantsB = capabilityGrantsOf(b);
  for (const capability of WORKSPACE_CAPABILITIES) {
    const from = roleA !== undefined && roleHoldsCapability(grantsA, roleA, capability) ? 1 : 0;
    const to = roleB !== undefined && roleHoldsCapability(grantsB, roleB, capability) ? 1 : 0;
    const change: Change = {
      path: `/capabilities/${capability}`,
      kind: 'capability-granted',
      role,
      capability,
    };
    changes.push(...byDirection(to - from, change, { ...change, kind: 'capability-revoked' }));
  }
  for (const capability of RECORD_CAPABILITIES) {
    const held = (grants: typeof grantsA, r: RoleDefinition | undefined) =>
      r === undefined ? [] : roleCapabilityRelations(grants, r, capability);
    const from = held(grantsA, roleA);
    const to = held(grantsB, roleB);
    for (const relation of RELATIONS) {
      const delta = Number(to.includes(relation)) - Number(from.includes(relation));
      const change: Change = {
        path: `/capabilities/${capability}`,
        kind: 'capability-granted',
        role,
        relation,
        capability,
      };
      changes.push(...byDirection(delta, change, { ...change, kind: 'capability-revoked' }));
    }
  }
  return changes;
}

/**
 * Compares two versions of the workspace policy the way `diffTemplates` compares templates: by
 * what each role may read, write and do as resolved, so a role's new kind or a new `*` key shows
 * up as the access it changes. A change that lets someone read, write, see, export or do more is
 * `privacy: 'weakens'`; saving one needs an explicit confirmation.
 */
export function diffWorkspacePolicy(a: WorkspacePolicy, b: WorkspacePolicy): WorkspacePolicyDiff {
  const changes: Change[] = [];
  const rolesA = new Map(a.roles.map((r) => [r.id, r]));
  const rolesB = new Map(b.roles.map((r) => [r.id, r]));
  for (const role of b.roles) {
    const before = rolesA.get(role.id);
    if (before === undefined)
      changes.push({ path: `/roles/${esc(role.id)}`, kind: 'role-added', role: role.id });
    else if (before.kind !== role.kind)
      changes.push({
        path: `/roles/${esc(role.id)}/kind`,
        kind: 'role-kind-changed',
        role: role.id,
        from: before.kind,
        to: role.kind,
      });
  }
  for (const role of a.roles)
    if (!rolesB.has(role.id))
      changes.push({ path: `/roles/${esc(role.id)}`, kind: 'role-removed', role: role.id });
  const ids = [...new Set([...rolesB.keys(), ...rolesA.keys()])];
  for (const id of ids) changes.push(...compareRole(a, b, rolesA.get(id), rolesB.get(id)));

  for (const level of LEVELS) {
    const from = a.levelDefaults[level].export;
    const to = b.levelDefaults[level].export;
    const change: Change = { path: `/levelDefaults/${level}/export`, kind: 'export-loosened', from, to };
    changes.push(
      ...byDirection(EXPORT_RANK[from] - EXPORT_RANK[to], change, { ...change, kind: 'export-tightened' }),
    );
  }
  const rows: Change = {
    path: '/exportApprovalRows',
    kind: 'approval-threshold-raised',
    from: String(a.exportApprovalRows),
    to: String(b.exportApprovalRows),
  };
  changes.push(
    ...byDirection(b.exportApprovalRows - a.exportApprovalRows, rows, {
      ...rows,
      kind: 'approval-threshold-lowered',
    }),
  );

  const purposesA = new Map(a.purposes.map((p) => [p.id, p]));
  const purposesB = new Map(b.purposes.map((p) => [p.id, p]));
  for (const purpose of b.purposes) {
    const before = purposesA.get(purpose.id);
    const path = `/purposes/${esc(purpose.id)}`;
    if (before === undefined)
      changes.push({ path, kind: 'purpose-added', message: `Purpose ${purpose.id} added.` });
    else if (
      JSON.stringify([before.title, before.i18n ?? {}]) !==
      JSON.stringify([purpose.title, purpose.i18n ?? {}])
    )
      changes.push({
        path,
        kind: 'purpose-changed',
        privacy: 'weakens',
        message: `The wording of purpose ${purpose.id} changed: consent given for the old wording may not cover it.`,
      });
  }
  for (const purpose of a.purposes)
    if (!purposesB.has(purpose.id))
      changes.push({
        path: `/purposes/${esc(purpose.id)}`,
        kind: 'purpose-removed',
        message: `Purpose ${purpose.id} removed: fields that name it no longer parse.`,
      });

  const described = changes.map(describe);
  return { changes: described, weakensPrivacy: described.some((c) => c.privacy === 'weakens') };
}
