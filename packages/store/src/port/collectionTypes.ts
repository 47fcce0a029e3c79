import type { Template, WorkspacePolicy } from '@veil/schema';

/** A user of the workspace. */
export interface UserDoc {
  id: string;
  /** Login name, unique in the workspace (compared as stored; the caller normalises). */
  login: string;
  /** Display name. */
  name: string;
  /** Self-describing password hash (e.g. `scrypt$N$r$p$salt$hash`); `null` until a password is set. */
  passwordHash: string | null;
  /** ISO time the password was last set. */
  passwordSetAt?: string;
  /** Role ids from the workspace policy. */
  roles: string[];
  /** The department the user belongs to. */
  departmentId: string | null;
  /** Departments the user manages (their subtrees count as the user's team). */
  managedDepartmentIds: string[];
  /** Inactive users cannot log in; deactivation also revokes their sessions (done by the caller). */
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A node of the department tree. */
export interface DepartmentDoc {
  id: string;
  name: string;
  /** Parent department; `null` for a root. */
  parentId: string | null;
}

/** A login session. The id is a keyed hash of the bearer token, never the token itself. */
export interface SessionDoc {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revoked: boolean;
}

/** Failed-login counter and lock for one key (a login name, an address …). */
export interface LoginAttemptDoc {
  /** The counted key, e.g. `login:alice` or `ip:…` (keyed by the caller; may be an HMAC). */
  id: string;
  failures: number;
  firstFailureAt: string;
  lastFailureAt: string;
  /** Locked until this ISO time, if locked. */
  lockedUntil?: string;
}

/** The workspace policy, a single document with id `workspace`. */
export interface WorkspacePolicyDoc {
  id: 'workspace';
  policy: WorkspacePolicy;
  updatedAt: string;
  updatedBy: string;
}

/** One saved version of the workspace policy (id `v<version>`), kept for the history; never changed. */
export interface WorkspacePolicyVersionDoc {
  id: string;
  version: number;
  policy: WorkspacePolicy;
  savedAt: string;
  savedBy: string;
}

/** A template being edited (unpublished). */
export interface TemplateDraftDoc {
  /** The template id. */
  id: string;
  template: Template;
  updatedAt: string;
  updatedBy: string;
}

/** A published template version, immutable once written. Id: `${templateId}@${version}`. */
export interface PublishedTemplateDoc {
  id: string;
  templateId: string;
  version: number;
  template: Template;
  publishedAt: string;
  publishedBy: string;
}

/** A time-limited permission to see one revealed value. */
export interface RevealGrantDoc {
  id: string;
  userId: string;
  templateId: string;
  recordId: string;
  /** The revealed value pointer. */
  pointer: string;
  /** Schema path of the revealed field (array items as `*`). */
  fieldPath?: string;
  /** The template version that introduced the field: the grant is bound to this identity. */
  fieldVersion?: number;
  /** Note id of the reason given (see `putNote`). */
  reasonId: string;
  grantedAt: string;
  expiresAt: string;
}

export type ExportStatus =
  | 'pending-approval'
  | 'approved'
  | 'rejected'
  | 'ready'
  | 'downloaded'
  | 'expired'
  | 'void';

/** An export request and its lifecycle. */
export interface ExportDoc {
  id: string;
  templateId: string;
  requestedBy: string;
  requestedAt: string;
  status: ExportStatus;
  purpose: string;
  /** Schema paths of the columns. */
  columns: string[];
  format: 'csv' | 'xlsx' | 'json';
  rowCount: number;
  approvedBy?: string;
  expiresAt?: string;
  /** Free-form, no personal values. */
  meta?: Record<string, unknown>;
}

/** A share link of a record or a report. The id is a keyed hash of the link token. */
export interface ShareLinkDoc {
  id: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
  templateId: string;
  recordIds: string[];
  /** Schema paths shown. */
  columns: string[];
  meta?: Record<string, unknown>;
}

/** Consent of one data subject for one purpose. */
export interface ConsentDoc {
  id: string;
  /** A keyed reference to the subject (never the identifying value itself). */
  subjectRef: string;
  purpose: string;
  granted: boolean;
  at: string;
  recordedBy: string;
  /** How it was given or withdrawn: `paper`, `web-form`, `phone`, `wechat`. */
  channel?: string;
  /** The version of the consent wording the person saw. */
  wordingVersion?: string;
  /** Note id of the evidence text, if any. */
  evidenceNoteId?: string;
}

/** A data-subject access or erasure request. */
export interface SubjectRequestDoc {
  id: string;
  kind: 'access' | 'erasure';
  subjectRef: string;
  status: 'open' | 'done' | 'rejected';
  createdAt: string;
  createdBy: string;
  closedAt?: string;
  meta?: Record<string, unknown>;
}

/** A legal hold on a data subject or a record: retention and erasure pause for it (decision 291). */
export interface LegalHoldDoc {
  id: string;
  /** Keyed reference of the held person (the blind index of an identifying value), if a person is held. */
  subjectRef?: string;
  /** Records held: those the person was found in when the hold was placed, or the one record held. */
  records: { templateId: string; recordId: string }[];
  /** Note id of the reason (free text, kept beside the audit log, erasable). */
  reasonNoteId: string;
  active: boolean;
  createdAt: string;
  createdBy: string;
  releasedAt?: string;
  releasedBy?: string;
}

/** State of a background job (retention runs, key rotation …), for resuming after a crash. */
export interface JobDoc {
  id: string;
  kind: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  updatedAt: string;
  /** Job-specific progress, JSON. */
  progress: Record<string, unknown>;
}

/** An alert for one recipient (a manager) about one user: a limit reached, sustained heavy reading. */
export interface AlertDoc {
  id: string;
  /** The user alerted. */
  to: string;
  /** The user the alert is about. */
  about: string;
  kind: string;
  at: string;
  /** Counts and limits only, never a value read. */
  details: Record<string, string | number>;
}

/** Every typed collection and the document type it holds. */
export interface CollectionTypes {
  users: UserDoc;
  departments: DepartmentDoc;
  sessions: SessionDoc;
  loginAttempts: LoginAttemptDoc;
  workspace: WorkspacePolicyDoc;
  workspaceVersions: WorkspacePolicyVersionDoc;
  templateDrafts: TemplateDraftDoc;
  templates: PublishedTemplateDoc;
  revealGrants: RevealGrantDoc;
  exports: ExportDoc;
  shareLinks: ShareLinkDoc;
  consents: ConsentDoc;
  subjectRequests: SubjectRequestDoc;
  legalHolds: LegalHoldDoc;
  jobs: JobDoc;
  alerts: AlertDoc;
}

export type CollectionName = keyof CollectionTypes;

export const COLLECTION_NAMES: readonly CollectionName[] = [
  'users',
  'departments',
  'sessions',
  'loginAttempts',
  'workspace',
  'workspaceVersions',
  'templateDrafts',
  'templates',
  'revealGrants',
  'exports',
  'shareLinks',
  'consents',
  'subjectRequests',
  'legalHolds',
  'jobs',
  'alerts',
];

/** Top-level equality on a collection's documents (`{ userId: 'u1', revoked: false }`). */
export type DocWhere<T> = { [K in keyof T]?: T[K] };
