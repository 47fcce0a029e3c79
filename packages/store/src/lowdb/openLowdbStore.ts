import { randomBytes } from 'node:crypto';
import type { VeilRecord } from '@veil/policy';
import type { SanitizedTemplate } from '@veil/schema';
import { AuditBatchEncoder, hashAuditJson, ZERO_HASH } from '../audit/auditChain.js';
import { type FileSystem, nodeFileSystem } from '../fs/fileSystem.js';
import { computeBlindIndex } from '../keys/createKeyring.js';
import { fileKeyProvider, type KeyProvider } from '../keys/keyProvider.js';
import type { KeyMaterial } from '../keys/loadKeys.js';
import { lockStoreFolders, releaseOnClose } from '../lock/lockStoreFolders.js';
import { checkQuery } from '../records/checkQuery.js';
import { normalizeExact } from '../records/normalizeExact.js';
import { RecordCodec } from '../records/recordCodec.js';
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
import { cleanKeyTempFiles } from './cleanTempFiles.js';
import { CommitLoop } from './commitLoop.js';
import { type DataFolderState, inspectDataFolder } from './inspectDataFolder.js';
import { exportAudit, listAudit, verifyAudit } from './lowdbAudit.js';
import type { LowdbCore, RecoveryReport } from './lowdbCore.js';

import { LowdbDataKeys } from './lowdbDataKeys.js';
import { exportBackup, importBackup, rotateKeys } from './lowdbMaintenance.js';
import { LowdbState } from './lowdbState.js';
import { ALL_COLLECTIONS, clone, type NoteDoc, type Op, serialized } from './lowdbTypes.js';
import { checkStep, prepareLoginFailure, prepareRegisterTemplate, runStep } from './lowdbWrites.js';
import { recoverLowdb } from './recoverLowdb.js';
import { ignoreStorageFull } from './storageFull.js';

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
  /** What recovery did at open (replayed batches, a torn audit tail cut off, files rebuilt …). */
  readonly recovery: RecoveryReport;
}

/** Opens (creating on first use) the embedded store; recovers an interrupted commit first. */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<LowdbStore> {
  const locks = lockStoreFolders(options);
  try {
    cleanKeyTempFiles(options.keysDir);
    const folder = await inspectDataFolder(options.fs ?? nodeFileSystem, options.dataDir, ALL_COLLECTIONS);
    const store = new LowdbStoreImpl(options, folder);
    await recoverLowdb(store.core, folder);
    return releaseOnClose(store, locks);
  } catch (error) {
    locks.release();
    throw error;
  }
}

function coreOf(options: LowdbStoreOptions, folder: DataFolderState): LowdbCore {
  const fs = options.fs ?? nodeFileSystem;
  const now = options.now ?? (() => new Date());
  const provider =
    options.keyProvider ??
    fileKeyProvider({
      keysDir: options.keysDir,
      dataDir: options.dataDir,
      ...(options.masterKey !== undefined ? { masterKey: options.masterKey } : {}),
    });
  const keys = provider.load({ storeHasData: folder.dataEvidence !== undefined });
  const state = new LowdbState(options.dataDir);
  const dataKeys = new LowdbDataKeys(state, keys);
  const normalize = options.normalize ?? ((_path: string, value: string) => normalizeExact(value));
  const codec = new RecordCodec({
    keys: dataKeys,
    blindIndexKey: keys.blindIndexKey,
    normalize,
    storageOf: (templateId) => state.storage(templateId),
  });
  const loop = new CommitLoop({
    state,
    fs,
    keys,
    dataKeys,
    encoder: new AuditBatchEncoder(options.unhashedAuditForBenchmark ? ZERO_HASH : hashAuditJson),
    now,
    walLimitBytes: options.walLimitBytes ?? 4 * 1024 * 1024,
    checkpointEvery: options.checkpointEvery ?? 1000,
    decode: (stored) => codec.decode(stored),
  });
  return {
    state,
    fs,
    loop,
    dataKeys,
    codec,
    keys,
    now,
    shardSize: options.shardSize ?? 500,
    onRotationStep: options.onRotationStep,
    recovery: { replayedBatches: 0, tornAuditBytes: 0, tornWalBytes: 0, rebuiltFiles: [], formatFound: 0 },
  };
}

/** The `Store` port over the lowdb modules: each method delegates to one of them. */
class LowdbStoreImpl implements LowdbStore {
  readonly core: LowdbCore;
  constructor(options: LowdbStoreOptions, folder: DataFolderState) {
    this.core = coreOf(options, folder);
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
    return this.core.loop.submit((undo) => {
      const ops: Op[] = [];
      for (const step of steps) runStep(this.core, step, ops, undo);
      return { ops, audits, result: (entries: AuditEntry[]) => ({ entries }) };
    });
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
    };
    await this.commit({ steps: [step], audit: [input.audit] });
    return record;
  }

  async deleteRecord(input: DeleteRecordInput): Promise<void> {
    const step: WriteStep = { kind: 'deleteRecord', templateId: input.templateId, id: input.id };
    if (input.expectedVersion !== undefined) step.expectedVersion = input.expectedVersion;
    await this.commit({ steps: [step], audit: [input.audit] });
  }

  async getRecord(templateId: string, id: string): Promise<VeilRecord | undefined> {
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
    return (state.shards[no]?.versions ?? [])
      .filter((v) => v.recordId === id)
      .map(({ retired: _retired, ...v }) => ({
        ...clone(v),
        data: this.core.codec.decryptData(templateId, id, v.data),
      }))
      .sort((a, b) => a.version - b.version);
  }

  // --- notes and read sets
  putNote(text: string): Promise<string> {
    const id = `note_${randomBytes(12).toString('base64url')}`;
    return this.core.loop.submit(() => {
      const doc: NoteDoc = { id, env: this.core.codec.seal('notes', `note\n${id}`, text) };
      this.core.state.collection('notes').set(id, doc);
      return { ops: [{ t: 'doc-put', coll: 'notes', doc }], result: () => id };
    });
  }

  async getNote(id: string): Promise<string | undefined> {
    const doc = this.core.state.collection('notes').get(id) as NoteDoc | undefined;
    if (doc === undefined) return undefined;
    return this.core.codec.open(doc.env, `note\n${id}`, this.core.state.collectionPath('notes')) as string;
  }

  eraseNote(id: string): Promise<boolean> {
    return this.core.loop.submit(() => {
      const existed = this.core.state.collection('notes').delete(id);
      return { ops: existed ? [{ t: 'doc-del', coll: 'notes', id }] : [], result: () => existed };
    });
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
