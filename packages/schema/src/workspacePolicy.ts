import type { AccessMap, EditMap, ExportRule, Level } from './privacy.js';

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
};
