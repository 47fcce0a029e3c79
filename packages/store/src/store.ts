import type { AuditDetails, VeilRecord } from '@veil/policy';
import type { FilterOp, SanitizedTemplate, SortKey, Template, WorkspacePolicy } from '@veil/schema';

// ---------------------------------------------------------------------------------------------
// Documents kept in simple typed collections
// ---------------------------------------------------------------------------------------------

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
  jobs: JobDoc;
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
  'jobs',
];

/** Top-level equality on a collection's documents (`{ userId: 'u1', revoked: false }`). */
export type DocWhere<T> = { [K in keyof T]?: T[K] };

// ---------------------------------------------------------------------------------------------
// Audit
// ---------------------------------------------------------------------------------------------

/** What a caller hands in; `seq`, `at`, `prevHash` and `hash` are assigned by the store. */
export interface AuditInput {
  /** User id, or `system`. */
  actor: string;
  /** Dotted action name: `record.create`, `auth.login`, `template.publish` … */
  action: string;
  /** What the action is about (an id or a keyed reference); never a personal value. */
  target: string;
  /** From `@veil/policy`'s `auditDetails` or any JSON without personal values. */
  details: AuditDetails | Record<string, unknown>;
}

/** One entry of the hash-chained audit log. */
export interface AuditEntry {
  /** 1-based, gapless. */
  seq: number;
  /** ISO time assigned by the store's clock. */
  at: string;
  actor: string;
  action: string;
  target: string;
  details: AuditDetails | Record<string, unknown>;
  /** Hash of the previous entry (64 zeros for seq 1). */
  prevHash: string;
  /** sha256 hex over the stored JSON bytes of the entry without its hash (which hold `prevHash`). */
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  /** Inclusive ISO lower bound on `at`. */
  from?: string;
  /** Exclusive ISO upper bound on `at`. */
  to?: string;
  /** Default 100. */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** A range of sequence numbers, inclusive. */
export interface AuditRange {
  fromSeq?: number;
  toSeq?: number;
}

/** An Ed25519-signed statement of the chain head; an auditor keeps copies outside the data folder. */
export interface AuditCheckpoint {
  seq: number;
  headHash: string;
  at: string;
  /** Base64 Ed25519 signature over the UTF-8 bytes of `${seq}\n${headHash}\n${at}`. */
  signature: string;
  /** SPKI PEM of the signing key. */
  publicKey: string;
}

export type AuditVerifyFailure =
  | 'hash-mismatch'
  | 'seq-mismatch'
  | 'prev-hash-mismatch'
  | 'malformed-line'
  | 'truncated'
  | 'checkpoint-mismatch'
  | 'checkpoint-signature';

export type AuditVerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; firstBadSeq: number; reason: AuditVerifyFailure; message: string };

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

/** A condition on a schema path; inside arrays (`/contacts/*\/name`) a row matches when any item does. */
export interface RecordFilter {
  field: string;
  op: FilterOp;
  /** Omitted for `exists` (then `true` = present; `false` = absent); an array for `in`. */
  value?: unknown;
}

/** A whole-value blind-index match; `value` already normalised by the caller. */
export interface RecordMatch {
  field: string;
  value: string;
}

/** Row scope derived by the server from the policy, applied to the template's owner pointer. */
export type RecordScope = { kind: 'all' } | { kind: 'owners'; ownerIds: string[] };

/** An already-guarded query; the store runs it and makes no privacy decision. */
export interface RecordQuery {
  filters?: RecordFilter[];
  match?: RecordMatch[];
  scope?: RecordScope;
  /** Sort keys in order; ties are broken by record id ascending. */
  sort?: SortKey[];
  /** Default 50, at most 1000. */
  limit?: number;
  /** Opaque cursor from a previous page of the same query. */
  cursor?: string;
}

export interface RecordPage {
  records: VeilRecord[];
  nextCursor: string | null;
  /** Rows matching the query in total. */
  total: number;
}

/** A previous state of a record, kept for history; erased with the record. */
export interface RecordVersion {
  recordId: string;
  templateId: string;
  /** The version this state had. */
  version: number;
  templateVersion: number;
  /** When this state was written (its `updatedAt`). */
  updatedAt: string;
  /** When it was superseded. */
  supersededAt: string;
  /** Who superseded it. */
  supersededBy: string;
  data: Record<string, unknown>;
}

export interface CreateRecordInput {
  /** The full record; `version` must be 1. */
  record: VeilRecord;
  audit: AuditInput;
}

export interface UpdateRecordInput {
  /** The new state; `version` must be `expectedVersion + 1`. */
  record: VeilRecord;
  expectedVersion: number;
  audit: AuditInput;
}

export interface DeleteRecordInput {
  templateId: string;
  id: string;
  expectedVersion?: number;
  audit: AuditInput;
}

/** What the store keeps of a registered template: how to store and scope its records. */
export interface TemplateStorage {
  templateId: string;
  version: number;
  /** Pointer of the owner field. */
  owner: string;
  /** Schema paths encrypted at rest. */
  encrypted: string[];
  /** Schema paths with a blind index. */
  exact: string[];
}

export type StoreErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'INVALID'
  | 'CORRUPT'
  | 'CLOSED'
  | 'CONFIG'
  /** The data or keys folder is in use by another running store. */
  | 'LOCKED'
  /** The disk is full (ENOSPC): the write was refused and not stored; retry once space is free. */
  | 'STORAGE_FULL';

/** Errors of the store: a code and a message naming files or ids, never a value. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly isPublic = false;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// The port
// ---------------------------------------------------------------------------------------------

/** Everything the server keeps. All methods are async so a networked database can implement it. */
export interface Store {
  // --- typed collections ---
  /** One document by id, or `undefined`. */
  getDoc<K extends CollectionName>(name: K, id: string): Promise<CollectionTypes[K] | undefined>;
  /** Documents whose top-level fields equal `where`, in id order. */
  listDocs<K extends CollectionName>(
    name: K,
    where?: DocWhere<CollectionTypes[K]>,
  ): Promise<CollectionTypes[K][]>;
  /** Insert or replace; with `audit`, the document and the entry commit together. */
  putDoc<K extends CollectionName>(name: K, doc: CollectionTypes[K], audit?: AuditInput): Promise<void>;
  /** Delete (no error when absent); with `audit`, committed together. Returns whether it existed. */
  deleteDoc<K extends CollectionName>(name: K, id: string, audit?: AuditInput): Promise<boolean>;

  // --- templates ---
  /** Tell the store how to keep a template's records (encrypted paths, blind indexes, owner pointer). */
  registerTemplate(template: SanitizedTemplate): Promise<TemplateStorage>;
  getTemplateStorage(templateId: string): Promise<TemplateStorage | undefined>;

  // --- records ---
  /** Create a record, its audit entry together. `CONFLICT` when the id exists. */
  createRecord(input: CreateRecordInput): Promise<VeilRecord>;
  /** Replace a record if its stored version is `expectedVersion`; keeps the previous state as a version. */
  updateRecord(input: UpdateRecordInput): Promise<VeilRecord>;
  /** Delete a record and its versions, with its audit entry. */
  deleteRecord(input: DeleteRecordInput): Promise<void>;
  getRecord(templateId: string, id: string): Promise<VeilRecord | undefined>;
  queryRecords(templateId: string, query: RecordQuery): Promise<RecordPage>;
  /** Previous states, oldest first. */
  listRecordVersions(templateId: string, id: string): Promise<RecordVersion[]>;

  // --- notes beside audit entries (reveal reasons …), erasable ---
  putNote(text: string): Promise<string>;
  getNote(id: string): Promise<string | undefined>;
  /** Returns whether the note existed. */
  eraseNote(id: string): Promise<boolean>;

  // --- audit ---
  appendAudit(input: AuditInput): Promise<AuditEntry>;
  listAudit(filter?: AuditFilter): Promise<AuditPage>;
  exportAudit(range?: AuditRange): AsyncIterable<AuditEntry>;
  /** Checks the chain (and the stored and given checkpoints). */
  verifyAudit(options?: { checkpoints?: AuditCheckpoint[] }): Promise<AuditVerifyResult>;
  /** Writes and returns a signed checkpoint of the current head. */
  exportCheckpoint(): Promise<AuditCheckpoint>;

  // --- keys and backup ---
  /** Re-encrypts every encrypted value under new keys; resumes an interrupted rotation. */
  rotateKeys(): Promise<{ reencrypted: number }>;
  /** Writes a backup (no key inside; encrypted values stay encrypted). */
  exportBackup(path: string): Promise<void>;
  /** Replaces this store's contents with a backup made by `exportBackup`. */
  importBackup(path: string): Promise<void>;

  close(): Promise<void>;
}
