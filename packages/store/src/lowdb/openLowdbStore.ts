import type { VeilRecord } from '@veil/policy';
import type { SanitizedTemplate } from '@veil/schema';
import { type FileSystem, nodeFileSystem } from '../fs/fileSystem.js';
import { computeBlindIndex } from '../keys/createKeyring.js';
import type { KeyProvider } from '../keys/keyProvider.js';
import type { KeyMaterial } from '../keys/loadKeys.js';
import { lockStoreFolders, releaseOnClose } from '../lock/lockStoreFolders.js';
import { checkQuery } from '../records/checkQuery.js';
import { countIndexedRows, type IndexedQueryContext, runIndexedQuery } from '../records/runIndexedQuery.js';
import { runQuery } from '../records/runQuery.js';
import { scopeOwners, scopeTest } from '../records/scopeTest.js';
import type {
  AuditCheckpoint,
  AuditEntry,
  AuditFilter,
  AuditInput,
  AuditPage,
  AuditRange,
  AuditVerifyResult,
  CollectionName,
  CollectionTypes,
  CreateRecordInput,
  DeleteRecordInput,
  DocWhere,
  LoginAttemptDoc,
  LoginFailureInput,
  ReadSetDoc,
  ReadSetFilter,
  RecordPage,
  RecordQuery,
  RecordVersion,
  Store,
  StoreMaintenance,
  TemplateStorage,
  UnitOfWork,
  UnitResult,
  UpdateRecordInput,
  UserDoc,
  WriteStep,
} from '../store.js';
import { checkIntegrity } from './checkIntegrity.js';
import { cleanKeyTempFiles } from './cleanTempFiles.js';
import { createLowdbCore } from './createLowdbCore.js';
import { quarantinedError, quarantineKey } from './decodeTemplate.js';
import { type DataFolderState, inspectDataFolder } from './inspectDataFolder.js';
import type { IntegrityReport } from './integrityReport.js';
import { exportAudit, listAudit, verifyAudit } from './lowdbAudit.js';
import type { LowdbCore, RecoveryReport } from './lowdbCore.js';

import { exportBackup, importBackup, rotateKeys } from './lowdbMaintenance.js';
import { eraseNote, getNote, putNote } from './lowdbNotes.js';
import { ALL_COLLECTIONS, clone, type Op, serialized } from './lowdbTypes.js';
import {
  checkStep,
  cutWalAfterErasure,
  prepareLoginFailure,
  prepareRegisterTemplate,
  runStep,
} from './lowdbWrites.js';
import { recoverLowdb } from './recoverLowdb.js';
import { ignoreStorageFull } from './storageFull.js';
import { upgradeDataFolder } from './upgradeDataFolder.js';

export interface LowdbStoreOptions {
  /** The data folder (JSON files). */
  dataDir: string;
  /** The keys folder; must lie outside `dataDir`. Created with mode 0700 on first open. */
  keysDir: string;
  /** A 32-byte master key from the environment (`VEIL_MASTER_KEY`, read by the caller); else the keys folder holds one. */
  masterKey?: Buffer;
  /** Where the keys come from (default: the keys folder, `fileKeyProvider`). */
  keyProvider?: KeyProvider;
  /** The clock (ISO times of audit entries and checkpoints). */
  now?: () => Date;
  /** File layer; tests inject a fault-injecting one. */
  fs?: FileSystem;
  /** Records per shard file (default 500). */
  shardSize?: number;
  /** The WAL is cut once it passes this many bytes (default 4 MB). */
  walLimitBytes?: number;
  /** A signed checkpoint every N audit entries (default 1000). */
  checkpointEvery?: number;
  /** Blind-index normalisation of stored values (default: `normalizeExact`). */
  normalize?: (fieldPath: string, value: string) => string;
  /** Test hook: called after each re-encrypted shard of a rotation; throwing simulates a crash. */
  onRotationStep?: (shardsDone: number) => void;
  /**
   * Benchmarks only: audit lines get an all-zero hash instead of SHA-256, so the hashing's cost
   * can be measured on the very same code path. Such a log never verifies.
   */
  unhashedAuditForBenchmark?: boolean;
}

/** The lowdb store plus the embedded-only extras. */
export interface LowdbStore extends Store, StoreMaintenance {
  /** The loaded keys (for `createKeyring`). */
  readonly keys: KeyMaterial;
  /** What recovery did at open (replayed batches, a torn audit tail cut off, files rebuilt, records quarantined …). */
  readonly recovery: RecoveryReport;
  /** Reads every data file back and checks it against the manifest and every record against its MAC. */
  checkIntegrity(): Promise<IntegrityReport>;
}

/** Opens (creating on first use) the embedded store; recovers an interrupted commit first. */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<LowdbStore> {
  const locks = lockStoreFolders(options);
  try {
    cleanKeyTempFiles(options.keysDir);
    const folder = await inspectDataFolder(options.fs ?? nodeFileSystem, options.dataDir, ALL_COLLECTIONS);
    const store = new LowdbStoreImpl(options, folder);
    await recoverLowdb(store.core, folder);
    await upgradeDataFolder(store.core);
    store.core.recovery.quarantined = [...store.core.state.quarantine.values()];
    return releaseOnClose(store, locks);
  } catch (error) {
    locks.release();
    throw error;
  }
}

/** The `Store` port over the lowdb modules: each method delegates to one of them. */
class LowdbStoreImpl implements LowdbStore {
  readonly core: LowdbCore;
  constructor(options: LowdbStoreOptions, folder: DataFolderState) {
    this.core = createLowdbCore(options, folder);
  }
  get keys(): KeyMaterial {
    return this.core.keys;
  }
  get recovery() {
    return this.core.recovery;
  }

  // --- collections
  async getDoc<K extends CollectionName>(name: K, id: string): Promise<CollectionTypes[K] | undefined> {
    const doc = this.core.state.collection(name).get(id);
    return doc === undefined ? undefined : (clone(doc) as CollectionTypes[K]);
  }

  async listDocs<K extends CollectionName>(
    name: K,
    where?: DocWhere<CollectionTypes[K]>,
  ): Promise<CollectionTypes[K][]> {
    const conditions = Object.entries(where ?? {});
    return [...this.core.state.collection(name).values()]
      .filter((doc) =>
        conditions.every(([key, value]) => (doc as unknown as Record<string, unknown>)[key] === value),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((doc) => clone(doc) as CollectionTypes[K]);
  }

  async docsRevision(names: readonly CollectionName[]): Promise<string> {
    return this.core.state.docsRevision(names);
  }

  async #one(step: WriteStep, audit?: AuditInput): Promise<void> {
    await this.commit({ steps: [step], ...(audit ? { audit: [audit] } : {}) });
  }

  putDoc<K extends CollectionName>(name: K, doc: CollectionTypes[K], audit?: AuditInput): Promise<void> {
    return this.#one({ kind: 'putDoc', name, doc } as WriteStep, audit);
  }

  insertDoc<K extends CollectionName>(name: K, doc: CollectionTypes[K], audit?: AuditInput): Promise<void> {
    return this.#one({ kind: 'insertDoc', name, doc } as WriteStep, audit);
  }

  deleteDoc<K extends CollectionName>(name: K, id: string, audit?: AuditInput): Promise<boolean> {
    const entry = audit ? serialized(audit) : undefined;
    return this.core.loop.submit((undo) => {
      const ops: Op[] = [];
      const existed = this.core.state.collection(name).has(id);
      runStep(this.core, { kind: 'deleteDoc', name, id }, ops, undo);
      return { ops, ...(entry ? { audits: [entry] } : {}), result: () => existed };
    });
  }

  recordLoginFailure(input: LoginFailureInput): Promise<LoginAttemptDoc> {
    return this.core.loop.submit(() => prepareLoginFailure(this.core, input));
  }

  // --- units of work
  commit(unit: UnitOfWork): Promise<UnitResult> {
    let steps: WriteStep[];
    let audits: ReturnType<typeof serialized>[];
    try {
      steps = unit.steps.map((step) => (step.kind === 'putReadSet' ? step : clone(step)));
      audits = (unit.audit ?? []).map(serialized);
      for (const step of steps) checkStep(this.core, step);
    } catch (error) {
      return Promise.reject(error);
    }
    // A throwing step rolls back every earlier one (the loop runs the undo log).
    const result = this.core.loop.submit((undo) => {
      const ops: Op[] = [];
      for (const step of steps) runStep(this.core, step, ops, undo);
      return { ops, audits, result: (entries: AuditEntry[]) => ({ entries }) };
    });
    return cutWalAfterErasure(this.core, steps, result);
  }

  // --- templates
  registerTemplate(template: SanitizedTemplate): Promise<TemplateStorage> {
    return this.core.loop.submit(() => prepareRegisterTemplate(this.core, template));
  }

  async getTemplateStorage(templateId: string): Promise<TemplateStorage | undefined> {
    const storage = this.core.state.storage(templateId);
    if (storage === undefined) return undefined;
    const { id: _id, ...rest } = clone(storage);
    return rest;
  }

  // --- records
  async createRecord(input: CreateRecordInput): Promise<VeilRecord> {
    await this.commit({ steps: [{ kind: 'createRecord', record: input.record }], audit: [input.audit] });
    return clone(input.record);
  }

  async updateRecord(input: UpdateRecordInput): Promise<VeilRecord> {
    const record = clone(input.record);
    const step: WriteStep = {
      kind: 'updateRecord',
      record,
      expectedVersion: input.expectedVersion,
      supersededBy: input.audit.actor,
      ...(input.erase === true ? { erase: true } : {}),
    };
    await this.commit({ steps: [step], audit: [input.audit] });
    return record;
  }

  async deleteRecord(input: DeleteRecordInput): Promise<void> {
    const { templateId, id, expectedVersion, erase } = input;
    const step: WriteStep = { kind: 'deleteRecord', templateId, id, ...(erase ? { erase } : {}) };
    if (expectedVersion !== undefined) step.expectedVersion = expectedVersion;
    await this.commit({ steps: [step], audit: [input.audit] });
  }

  async getRecord(templateId: string, id: string): Promise<VeilRecord | undefined> {
    const quarantined = quarantinedError(this.core, templateId, id);
    if (quarantined) throw quarantined;
    const row = this.core.state.templates.get(templateId)?.plain.get(id);
    return row === undefined ? undefined : clone(row.record);
  }

  #queryContext(templateId: string, query: RecordQuery): IndexedQueryContext {
    const { state } = this.core;
    const storage = state.storage(templateId);
    checkQuery(query, storage);
    const users = state.collection('users');
    const directory = {
      departmentOf: (userId: string) => (users.get(userId) as UserDoc | undefined)?.departmentId,
      childrenOf: (departmentId: string) => state.departmentChildren().get(departmentId) ?? [],
    };
    return {
      ownerPointer: storage?.owner,
      inScope: scopeTest(query.scope, directory),
      scopeOwners: () => scopeOwners(query.scope, directory, state.departmentMembers()),
      blindIndex: (field, value) => computeBlindIndex(this.core.keys.blindIndexKey, field, value),
    };
  }

  async queryRecords(templateId: string, query: RecordQuery): Promise<RecordPage> {
    const context = this.#queryContext(templateId, query);
    const table = this.core.state.templates.get(templateId)?.plain;
    return table === undefined ? runQuery([], query, context) : runIndexedQuery(table, query, context);
  }

  async countRecords(templateId: string, query: RecordQuery): Promise<number> {
    const context = this.#queryContext(templateId, query);
    const table = this.core.state.templates.get(templateId)?.plain;
    return table === undefined ? 0 : countIndexedRows(table, query, context);
  }

  async listRecordVersions(templateId: string, id: string): Promise<RecordVersion[]> {
    const state = this.core.state.templates.get(templateId);
    const no = state?.shardOf.get(id);
    if (state === undefined || no === undefined) return [];
    const { quarantine } = this.core.state;
    return (state.shards[no]?.versions ?? [])
      .filter((v) => v.recordId === id && !quarantine.has(quarantineKey(templateId, id, v.version)))
      .map(({ retired: _retired, mac: _mac, ...v }) => ({
        ...clone(v),
        data: this.core.codec.decryptData(templateId, id, v.data),
      }))
      .sort((a, b) => a.version - b.version);
  }

  // --- notes and read sets
  putNote(text: string): Promise<string> {
    return putNote(this.core, text);
  }
  async getNote(id: string): Promise<string | undefined> {
    return getNote(this.core, id);
  }
  eraseNote(id: string): Promise<boolean> {
    return eraseNote(this.core, id);
  }

  async listReadSets(filter: ReadSetFilter): Promise<ReadSetDoc[]> {
    return clone(this.core.state.readSets.list(filter.templateId, filter.recordId));
  }

  eraseFromReadSets(filter: ReadSetFilter): Promise<number> {
    return this.core.loop.submit(() => {
      const { state } = this.core;
      const ops: Op[] = [];
      const found = state.readSets.list(filter.templateId, filter.recordId);
      for (const doc of found) {
        state.readSets.add({ ...doc, records: doc.records.filter((r) => r.id !== filter.recordId) });
      }
      if (found.length > 0) ops.push({ t: 'rs-set', docs: state.readSets.all() });
      return { ops, result: () => found.length };
    });
  }

  // --- audit
  appendAudit(input: AuditInput): Promise<AuditEntry> {
    return this.core.loop.appendAudit(serialized(input));
  }
  listAudit(filter?: AuditFilter): Promise<AuditPage> {
    return listAudit(this.core, filter);
  }
  exportAudit(range?: AuditRange): AsyncIterable<AuditEntry> {
    return exportAudit(this.core, range);
  }
  verifyAudit(options?: { checkpoints?: AuditCheckpoint[] }): Promise<AuditVerifyResult> {
    return verifyAudit(this.core, options);
  }
  exportCheckpoint(): Promise<AuditCheckpoint> {
    return this.core.loop.exclusive(() => this.core.loop.writeCheckpoint());
  }

  // --- maintenance (not part of the per-request port)
  rotateKeys(): Promise<{ reencrypted: number }> {
    return rotateKeys(this.core);
  }
  exportBackup(path: string): Promise<void> {
    return exportBackup(this.core, path);
  }
  importBackup(path: string): Promise<void> {
    return importBackup(this.core, path);
  }
  checkIntegrity(): Promise<IntegrityReport> {
    return checkIntegrity(this.core);
  }

  close(): Promise<void> {
    const { loop, state, fs } = this.core;
    if (loop.closed) return Promise.resolve();
    const closing = loop.exclusive(async () => {
      if (state.seq > 0) await loop.writeCheckpoint().catch(ignoreStorageFull);
      await loop.flushApplied();
      for (const path of [state.auditPath, state.checkpointPath, state.walPath]) await fs.release?.(path);
    });
    loop.closed = true;
    return closing.then(() => undefined);
  }
}
