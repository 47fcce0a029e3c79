import type {
  Basis,
  Category,
  ExportRule,
  Level,
  Relation,
  ResolvedMask,
  RetentionRule,
  SearchMode,
} from '../privacy.js';

export type ProcessingLocale = 'zh-CN' | 'en';

/** A role and the relations (within its row scope) under which something holds for it. */
export interface AudienceEntry {
  /** Role id. */
  role: string;
  /** Relations where it holds; all of the role's reachable relations when it holds everywhere. */
  relations: Relation[];
  /** True when the role reaches every relation its row scope admits with this level. */
  everywhere: boolean;
}

/** Who reads a field how, role by role and relation by relation. */
export interface ProcessingAudience {
  /** Read in full. */
  full: AudienceEntry[];
  /** Masked, but may reveal the value with a reason (audited). */
  reveal: AudienceEntry[];
  /** Masked only. */
  masked: AudienceEntry[];
  /** Not at all. */
  hidden: AudienceEntry[];
  /** May write it. */
  edit: AudienceEntry[];
}

/** A retention rule with the title of the date it counts from. */
export interface ProcessingRetention extends RetentionRule {
  /** Title (in the record's locale) of the field `after` points at; absent for `createdAt` / `updatedAt`. */
  afterTitle?: string;
}

/** One personal field of the record of processing. */
export interface ProcessingField {
  /** Schema path. */
  path: string;
  /** Title in the record's locale. */
  title: string;
  categories: Category[];
  level: Level;
  purpose?: { id: string; title: string };
  basis?: Basis;
  /** Effective retention (the field's own, else the template's default). */
  retention?: ProcessingRetention & { source: 'field' | 'template' };
  encrypted: boolean;
  search: SearchMode;
  scan: boolean;
  mask: ResolvedMask;
  /** What an export may contain for this field. */
  export: ExportRule;
  /** Listed in the template's `subject` (identifies the data subject). */
  subject: boolean;
  audience: ProcessingAudience;
}

/** A lint warning the template author accepted, with the reason given. */
export interface ProcessingAcknowledgement {
  code: string;
  path: string;
  reason: string;
  /** The finding's message. */
  message: string;
}

/** The record of processing activities for one template (GDPR Art. 30, PIPL Art. 54–55). */
export interface ProcessingRecord {
  locale: ProcessingLocale;
  template: { id: string; version: number; title: string; description?: string };
  /** The workspace policy version the template was resolved against. */
  policyVersion: number;
  /** Default retention of personal fields without their own. */
  retention?: ProcessingRetention;
  /** Pointers to the fields that identify the data subject. */
  subject: string[];
  /** Roles of the workspace with their titles and row scopes. */
  roles: { id: string; title: string; rowScope: string }[];
  /** Purposes used by the template's fields, in first-use order. */
  purposes: { id: string; title: string; basis: Basis[] }[];
  /** Every personal field (a category, or confidential and above), depth first. */
  fields: ProcessingField[];
  /** Exports of more rows than this need a manager's approval. */
  exportApprovalRows: number;
  /** Acknowledged lint warnings with their reasons. */
  acknowledgements: ProcessingAcknowledgement[];
  /** False while the template has lint errors (it cannot be published). */
  publishable: boolean;
}
