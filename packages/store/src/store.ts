import type { VeilRecord } from '@veil/policy';
import type { SanitizedTemplate } from '@veil/schema';
import type {
  AuditCheckpoint,
  AuditEntry,
  AuditFilter,
  AuditInput,
  AuditPage,
  AuditRange,
  AuditVerifyResult,
} from './port/auditTypes.js';
import type { CollectionName, CollectionTypes, DocWhere, LoginAttemptDoc } from './port/collectionTypes.js';
import type {
  CreateRecordInput,
  DeleteRecordInput,
  RecordPage,
  RecordQuery,
  RecordVersion,
  TemplateStorage,
  UpdateRecordInput,
} from './port/recordTypes.js';
import type {
  LoginFailureInput,
  ReadSetDoc,
  ReadSetFilter,
  UnitOfWork,
  UnitResult,
} from './port/unitOfWork.js';

export * from './port/auditTypes.js';
export * from './port/collectionTypes.js';
export * from './port/recordTypes.js';
export * from './port/storeError.js';
export * from './port/unitOfWork.js';

/**
 * Everything the server keeps, per request. All methods are async so a networked database can
 * implement it; every adapter passes `runStoreContract` (`@veil/store/testing`). Maintenance
 * (backup, restore, key rotation) is not part of it: those are operations of an adapter.
 */
export interface Store {
  // --- typed collections ---
  /** One document by id, or `undefined`. */
  getDoc<K extends CollectionName>(name: K, id: string): Promise<CollectionTypes[K] | undefined>;
  /** Documents whose top-level fields equal `where`, in id order. */
  listDocs<K extends CollectionName>(
    name: K,
    where?: DocWhere<CollectionTypes[K]>,
  ): Promise<CollectionTypes[K][]>;
  /**
   * An opaque token that changes whenever a document of one of `names` is put or deleted (on any
   * server sharing the store): what a server's caches of users, departments, templates and the
   * workspace policy are checked against on every request.
   */
  docsRevision(names: readonly CollectionName[]): Promise<string>;
  /** Insert or replace; with `audit`, the document and the entry commit together. */
  putDoc<K extends CollectionName>(name: K, doc: CollectionTypes[K], audit?: AuditInput): Promise<void>;
  /** Insert only: `CONFLICT` when the id exists (published versions are immutable). */
  insertDoc<K extends CollectionName>(name: K, doc: CollectionTypes[K], audit?: AuditInput): Promise<void>;
  /** Delete (no error when absent); with `audit`, committed together. Returns whether it existed. */
  deleteDoc<K extends CollectionName>(name: K, id: string, audit?: AuditInput): Promise<boolean>;
  /** Counts a failed login atomically (reset after `windowMs`, locked at `lockAfter`), with its audit entry. */
  recordLoginFailure(input: LoginFailureInput): Promise<LoginAttemptDoc>;

  // --- units of work ---
  /** Commits every step and audit entry together, or nothing (the error is thrown). */
  commit(unit: UnitOfWork): Promise<UnitResult>;

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
  /** Runs a guarded query: scope, filters, blind-index matches, search, sort, keyset page, groups. */
  queryRecords(templateId: string, query: RecordQuery): Promise<RecordPage>;
  /** Rows matching the query (its `sort`, `limit`, `cursor` and `groupBy` are ignored). */
  countRecords(templateId: string, query: RecordQuery): Promise<number>;
  /** Previous states, oldest first. */
  listRecordVersions(templateId: string, id: string): Promise<RecordVersion[]>;

  // --- notes and read sets beside audit entries, erasable ---
  putNote(text: string): Promise<string>;
  getNote(id: string): Promise<string | undefined>;
  /** Returns whether the note existed. */
  eraseNote(id: string): Promise<boolean>;
  /** Read sets that include a record, oldest first. */
  listReadSets(filter: ReadSetFilter): Promise<ReadSetDoc[]>;
  /** Removes a record from every read set that includes it (erasure); returns how many changed. */
  eraseFromReadSets(filter: ReadSetFilter): Promise<number>;

  // --- audit ---
  appendAudit(input: AuditInput): Promise<AuditEntry>;
  listAudit(filter?: AuditFilter): Promise<AuditPage>;
  exportAudit(range?: AuditRange): AsyncIterable<AuditEntry>;
  /** Checks the chain (and the stored and given checkpoints). */
  verifyAudit(options?: { checkpoints?: AuditCheckpoint[] }): Promise<AuditVerifyResult>;
  /** Writes and returns a signed checkpoint of the current head. */
  exportCheckpoint(): Promise<AuditCheckpoint>;

  close(): Promise<void>;
}

/** Operations of an adapter, outside the per-request port: run by an operator or a job. */
export interface StoreMaintenance {
  /** Re-encrypts every encrypted value under new keys; resumes an interrupted rotation. */
  rotateKeys(): Promise<{ reencrypted: number }>;
  /** Writes a backup (no key inside; encrypted values stay encrypted). */
  exportBackup(path: string): Promise<void>;
  /** Replaces this store's contents with a backup made by `exportBackup`. */
  importBackup(path: string): Promise<void>;
}
