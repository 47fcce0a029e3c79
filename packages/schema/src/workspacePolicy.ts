import { editCovers, pick } from './parse/resolvePrivacy.js';
import {
  type AccessMap,
  type EditMap,
  type ExportRule,
  type Level,
  RELATIONS,
  type Relation,
} from './privacy.js';

/** `staff` are employees; `external` are partners outside the organisation. */
export type RoleKind = 'staff' | 'external';

/** Which records a role sees at all: `own` = owner, `team` = owner or team, `all` = any. */
export type RowScope = 'own' | 'team' | 'all';

export interface RoleDefinition {
  /** Stable id, used as a key in access and edit maps. */
  id: string;
  /** The role's kind, also usable as a key in access and edit maps. */
  kind: RoleKind;
  /** Which records this role sees at all. */
  rowScope: RowScope;
  /** Display title (plain string; translations in `i18n`). */
  title?: string;
  /** Translations of the title. */
  i18n?: Record<string, { title?: string }>;
}

export interface PurposeDefinition {
  /** Stable id referenced by `x-privacy.purpose`. */
  id: string;
  /** What the purpose is, in words a customer understands. */
  title: string;
  /** Translations of the title. */
  i18n?: Record<string, { title?: string }>;
}

export interface LevelDefault {
  /** Read access for this level. */
  access: AccessMap;
  /** What an export may contain for this level. */
  export: ExportRule;
}

/** Capabilities granted per role (id, kind or `*`), independent of any record. */
export type WorkspaceCapability =
  /** Create records (the creator becomes the owner). */
  | 'records.create'
  /** Design, validate, preview and publish templates; see drafts. */
  | 'templates.publish'
  /** Create users and departments, change roles, deactivate; revoke others' sessions. */
  | 'users.manage'
  /** Read and verify the audit trail, export it, sign checkpoints; read processing records. */
  | 'audit.read'
  /** Read the reasons given for reveals (kept beside the audit log). */
  | 'reveal.reasons.read'
  /** See the names of the people whose customers one sees (owners), never more than a name. */
  | 'people.names'
  /** Read and change the workspace policy. */
  | 'workspace.manage'
  /** See the shared pool (公海) and claim a customer from it (the claimer becomes the owner). */
  | 'records.claim'
  /** Answer data-subject requests: find a person, report what is held, erase, place legal holds. */
  | 'subjects.manage'
  /** Preview and run retention. */
  | 'retention.run'
  /** Record and withdraw consent on a person's behalf. */
  | 'consents.record';

/** Capabilities on one record, granted per role and relation to the record (like `edit`). */
export type RecordCapability =
  /** Delete a record. */
  | 'records.delete'
  /** Hand a record over to another owner. */
  | 'records.reassign'
  /** Return a record to the shared pool (公海). */
  | 'records.release';

/** Who may do what beyond reading and writing fields. */
export type Capability = WorkspaceCapability | RecordCapability;

export const WORKSPACE_CAPABILITIES: readonly WorkspaceCapability[] = [
  'records.create',
  'templates.publish',
  'users.manage',
  'audit.read',
  'reveal.reasons.read',
  'workspace.manage',
  'people.names',
  'records.claim',
  'subjects.manage',
  'retention.run',
  'consents.record',
];
export const RECORD_CAPABILITIES: readonly RecordCapability[] = [
  'records.delete',
  'records.reassign',
  'records.release',
];

/**
 * The capability grants of a workspace. A workspace capability lists the role ids, role kinds
 * (`staff`, `external`) or `*` that hold it. A record capability maps a role id, kind or `*` to
 * relations, like `edit`: the most specific key wins (role id, then kind, then `*`), and a
 * listed relation covers the more specific ones (`any` covers `team` and `owner`, `team`
 * covers `owner`; listing only `owner` covers just the owner).
 */
export type CapabilityGrants = Record<WorkspaceCapability, string[]> &
  Record<RecordCapability, Record<string, Relation[]>>;

/**
 * The default grants: exactly what Veil allowed before capabilities were declared. Anyone may
 * create records (field write rules still apply); the owner deletes their own record (staff),
 * a manager their team's, an admin any.
 */
export const DEFAULT_CAPABILITIES: CapabilityGrants = {
  'records.create': ['*'],
  'records.delete': { staff: ['owner'], manager: ['owner', 'team'], admin: ['any'] },
  'records.reassign': { manager: ['owner', 'team'], admin: ['any'] },
  'templates.publish': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'compliance'],
  'reveal.reasons.read': ['compliance'],
  'workspace.manage': ['admin'],
  // Staff see their colleagues' names as owners (issue 13); external roles do not.
  'people.names': ['staff'],
  'records.claim': ['staff'],
  'records.release': { staff: ['owner'], manager: ['owner', 'team'], admin: ['any'] },
  'subjects.manage': ['compliance'],
  'retention.run': ['compliance'],
  'consents.record': ['compliance'],
};

/** Roles, relations, purposes and defaults: the workspace's, not a template's. */
export interface WorkspacePolicy {
  /** Increases with every change; compiled policies are keyed by it. */
  version: number;
  roles: RoleDefinition[];
  purposes: PurposeDefinition[];
  levelDefaults: Record<Level, LevelDefault>;
  /** Who may write a field that has no `edit`, by role id or kind. */
  editDefault: EditMap;
  /** An export of more rows than this needs a manager's approval. */
  exportApprovalRows: number;
  /**
   * Who may do what beyond reading and writing fields. A capability this omits (or a policy
   * version written before capabilities existed) gets its `DEFAULT_CAPABILITIES` grant; read
   * them through `capabilityGrantsOf`.
   */
  capabilities?: Partial<CapabilityGrants>;
}

/** The policy's capability grants with every omitted capability at its default. */
export function capabilityGrantsOf(policy: WorkspacePolicy): CapabilityGrants {
  return { ...DEFAULT_CAPABILITIES, ...(policy.capabilities ?? {}) } as CapabilityGrants;
}

/** Whether a role holds a workspace capability: its id, its kind or `*` is listed. */
export function roleHoldsCapability(
  grants: CapabilityGrants,
  role: RoleDefinition,
  capability: WorkspaceCapability,
): boolean {
  const listed = grants[capability];
  return (
    Array.isArray(listed) && (listed.includes(role.id) || listed.includes(role.kind) || listed.includes('*'))
  );
}

/**
 * The relations (`owner, team, any` order) on which a role holds a record capability: the
 * entry for its id, kind or `*` (most specific first), read like `edit`.
 */
export function roleCapabilityRelations(
  grants: CapabilityGrants,
  role: RoleDefinition,
  capability: RecordCapability,
): Relation[] {
  const listed = pick(grants[capability] ?? {}, role) ?? [];
  return RELATIONS.filter((relation) => editCovers(listed, relation));
}

/** The default workspace policy, exactly as DESIGN.md gives it. */
export const DEFAULT_WORKSPACE_POLICY: WorkspacePolicy = {
  version: 3,
  roles: [
    { id: 'admin', kind: 'staff', rowScope: 'all', title: '管理员', i18n: { en: { title: 'Admin' } } },
    { id: 'manager', kind: 'staff', rowScope: 'team', title: '经理', i18n: { en: { title: 'Manager' } } },
    { id: 'rep', kind: 'staff', rowScope: 'team', title: '业务员', i18n: { en: { title: 'Sales rep' } } },
    {
      id: 'compliance',
      kind: 'staff',
      rowScope: 'all',
      title: '合规专员',
      i18n: { en: { title: 'Compliance' } },
    },
    {
      id: 'partner',
      kind: 'external',
      rowScope: 'own',
      title: '外部伙伴',
      i18n: { en: { title: 'Partner' } },
    },
  ],
  purposes: [
    {
      id: 'contact',
      title: 'Contact the customer about the deal',
      i18n: { 'zh-CN': { title: '就商机联系客户' } },
    },
  ],
  levelDefaults: {
    public: { access: { '*': 'full' }, export: 'allow' },
    internal: { access: { staff: 'full', external: 'hidden' }, export: 'allow' },
    confidential: {
      access: {
        staff: { owner: 'full', any: 'masked' },
        manager: { team: 'full', any: 'masked' },
        external: 'hidden',
      },
      export: 'masked',
    },
    restricted: { access: { '*': 'hidden' }, export: 'deny' },
  },
  editDefault: { staff: ['owner'], manager: ['owner', 'team'] },
  exportApprovalRows: 100,
  capabilities: DEFAULT_CAPABILITIES,
};
