import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { VeilRecord } from '@veil/policy';
import type { SanitizedTemplate } from '@veil/schema';
import { Low } from 'lowdb';
import {
  AuditBatchEncoder,
  checkAgainstCheckpoints,
  checkAuditStream,
  GENESIS_HASH,
  hashAuditJson,
  parseAuditLine,
  serializeAuditBody,
  signCheckpoint,
  ZERO_HASH,
} from '../audit/auditChain.js';
import { type FileSystem, nodeFileSystem } from '../fs/fileSystem.js';
import { computeBlindIndex } from '../keys/createKeyring.js';
import { addMasterKey, dropOldMasterKeys, type KeyMaterial, loadKeys } from '../keys/loadKeys.js';
import { checkQuery } from '../records/checkQuery.js';
import { type Envelope, isEnvelope, openBytes, sealBytes } from '../records/fieldCipher.js';
import { normalizeExact } from '../records/normalizeExact.js';
import { countRows, type QueryContext, type QueryRow, runQuery } from '../records/runQuery.js';
import { mapObjects, mapValuesAt, pointerSegments, takeValuesAt, valuesAt } from '../records/schemaPaths.js';
import { scopeTest } from '../records/scopeTest.js';
import { type StorageDoc, storageOf } from '../records/templateStorage.js';
import {
  type AuditCheckpoint,
  type AuditEntry,
  type AuditFilter,
  type AuditInput,
  type AuditPage,
  type AuditRange,
  type AuditVerifyResult,
  COLLECTION_NAMES,
  type CollectionName,
  type CollectionTypes,
  type CreateRecordInput,
  type DeleteRecordInput,
  type DepartmentDoc,
  type DocWhere,
  type JobDoc,
  type LoginAttemptDoc,
  type LoginFailureInput,
  type ReadSetDoc,
  type ReadSetFilter,
  type RecordPage,
  type RecordQuery,
  type RecordVersion,
  type Store,
  StoreError,
  type StoreMaintenance,
  type TemplateStorage,
  type UnitOfWork,
  type UnitResult,
  type UpdateRecordInput,
  type UserDoc,
  type WriteStep,
} from '../store.js';
import { DurableJsonAdapter, parseJsonFile, stageJson, writeJsonDurably } from './durableJsonAdapter.js';
import { hashReadSet, ReadSetIndex } from './readSetIndex.js';

export interface LowdbStoreOptions {
  /** The data folder (JSON files). */
  dataDir: string;
  /** The keys folder; must lie outside `dataDir`. Created with mode 0700 on first open. */
  keysDir: string;
  /** A 32-byte master key from the environment (`VEIL_MASTER_KEY`, read by the caller); else the keys folder holds one. */
  masterKey?: Buffer;
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
  /** What recovery did at open (replayed batches, a torn audit tail cut off …). */
  readonly recovery: { replayedBatches: number; tornAuditBytes: number; tornWalBytes: number };
}

/** A record at rest; `retired` holds values of removed fields, sealed, by field identity (`path@version`). */
type StoredRecord = VeilRecord & { blind?: Record<string, string[]>; retired?: Record<string, Envelope> };
type StoredVersion = RecordVersion & { retired?: Record<string, Envelope> };
/** Undo steps of a unit of work being applied, run in reverse when a step fails. */
type Undo = (() => void)[];
/** A field removed from a template: its path and identity. */
interface RetiredField {
  path: string;
  key: string;
}

interface DataKeyDoc {
  id: string;
  scope: string;
  gen: number;
  masterKid: string;
  iv: string;
  tag: string;
  ct: string;
}
interface NoteDoc {
  id: string;
  env: Envelope;
}
interface AnyDoc {
  id: string;
}

const INTERNAL = ['dataKeys', 'notes', 'storage', 'readSets'] as const;
const ALL_COLLECTIONS: readonly string[] = [...COLLECTION_NAMES, ...INTERNAL];

interface CollectionFile {
  appliedBatch: number;
  docs: AnyDoc[];
}
interface ShardFile {
  templateId: string;
  shard: number;
  appliedBatch: number;
  records: StoredRecord[];
  versions: StoredVersion[];
}

type Op =
  | { t: 'doc-put'; coll: string; doc: AnyDoc }
  | { t: 'doc-del'; coll: string; id: string }
  | { t: 'rec-put'; tpl: string; shard: number; record: StoredRecord; version?: StoredVersion }
  | { t: 'rec-del'; tpl: string; shard: number; id: string }
  | { t: 'shard-set'; tpl: string; shard: number; records: StoredRecord[]; versions: StoredVersion[] };

interface WalBatch {
  b: number;
  lines: string;
  ops: Op[];
}

interface Shard {
  no: number;
  appliedBatch: number;
  stored: Map<string, StoredRecord>;
  versions: StoredVersion[];
}
interface TemplateState {
  id: string;
  shards: Shard[];
  shardOf: Map<string, number>;
  plain: Map<string, QueryRow>;
}

/** What one request does inside the commit loop: validate, change memory, return ops and audit. */
interface Prepared<T> {
  ops: Op[];
  audits?: SerializedAudit[];
  result: (entries: AuditEntry[]) => T;
}
/** An audit input and its JSON, serialized once when handed in (later changes by the caller do not count). */
interface SerializedAudit {
  input: AuditInput;
  body: string;
}
function serialized(input: AuditInput): SerializedAudit {
  return { input, body: serializeAuditBody(input) };
}

type QueueItem = PrepareItem | AuditItem | ExclusiveItem;
interface PrepareItem {
  kind: 'prepare';
  prepare: () => Prepared<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Set in the commit loop. */
  prepared?: Prepared<unknown> | undefined;
  entries?: AuditEntry[];
}
/** A pure audit append: no closure, no ops, just the serialized body. */
interface AuditItem {
  kind: 'audit';
  input: AuditInput;
  body: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  entry?: AuditEntry | undefined;
}
type ExclusiveItem = {
  kind: 'exclusive';
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

function dirNameOf(templateId: string): string {
  return /^[A-Za-z0-9_-]{1,80}$/.test(templateId)
    ? templateId
    : `x-${Buffer.from(templateId).toString('hex')}`;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Opens (creating on first use) the embedded store; recovers an interrupted commit first. */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<LowdbStore> {
  const store = new LowdbStoreImpl(options);
  await store.open();
  return store;
}

class LowdbStoreImpl implements LowdbStore {
  readonly keys: KeyMaterial;
  recovery = { replayedBatches: 0, tornAuditBytes: 0, tornWalBytes: 0 };
  readonly #fs: FileSystem;
  readonly #dir: string;
  readonly #now: () => Date;
  readonly #shardSize: number;
  readonly #checkpointEvery: number;
  readonly #normalize: (fieldPath: string, value: string) => string;
  readonly #options: LowdbStoreOptions;
  readonly #docs = new Map<string, Map<string, AnyDoc>>();
  readonly #collectionApplied = new Map<string, number>();
  readonly #templates = new Map<string, TemplateState>();
  readonly #dataKeys = new Map<string, Buffer>();
  #batchNo = 0;
  #seq = 0;
  #head = GENESIS_HASH;
  #queue: QueueItem[] = [];
  #running = false;
  #failed: unknown;
  #closed = false;
  readonly #encoder: AuditBatchEncoder;
  /** Folders with renames not yet fsynced, and whether the audit log has unsynced appends: the WAL still covers both. */
  readonly #dirtyDirs = new Set<string>();
  #auditDirty = false;
  /** Bytes appended to the WAL since it was last cut. */
  #walBytes = 0;
  readonly #madeDirs = new Set<string>();
  /** Set while a unit of work is applied: data keys it creates are dropped again if it fails. */
  #undo: Undo | null = null;
  #childrenCache: Map<string, string[]> | null = null;
  readonly #readSets = new ReadSetIndex();

  constructor(options: LowdbStoreOptions) {
    this.#options = options;
    this.#fs = options.fs ?? nodeFileSystem;
    this.#dir = options.dataDir;
    this.#now = options.now ?? (() => new Date());
    this.#shardSize = options.shardSize ?? 500;
    this.#checkpointEvery = options.checkpointEvery ?? 1000;
    this.#normalize = options.normalize ?? ((_path, value) => normalizeExact(value));
    this.#encoder = new AuditBatchEncoder(options.unhashedAuditForBenchmark ? ZERO_HASH : hashAuditJson);
    const keyOptions: { keysDir: string; dataDir: string; masterKey?: Buffer } = {
      keysDir: options.keysDir,
      dataDir: options.dataDir,
    };
    if (options.masterKey !== undefined) keyOptions.masterKey = options.masterKey;
    this.keys = loadKeys(keyOptions);
  }

  // ------------------------------------------------------------------ paths
  #path(...parts: string[]): string {
    return join(this.#dir, ...parts);
  }
  get #auditPath(): string {
    return this.#path('audit', 'audit.jsonl');
  }
  get #checkpointPath(): string {
    return this.#path('audit', 'checkpoints.jsonl');
  }
  get #walPath(): string {
    return this.#path('wal.jsonl');
  }
  #collectionPath(name: string): string {
    return this.#path('collections', `${name}.json`);
  }
  #shardPath(templateId: string, no: number): string {
    return this.#path('records', dirNameOf(templateId), `${String(no).padStart(6, '0')}.json`);
  }

  // ------------------------------------------------------------------ open and recovery
  async open(): Promise<void> {
    const fs = this.#fs;
    for (const folder of ['', 'collections', 'records', 'audit']) await fs.mkdir(this.#path(folder));
    // Append-only files must exist durably before the first append (a new entry needs a folder fsync).
    for (const path of [this.#auditPath, this.#checkpointPath, this.#walPath]) {
      if ((await fs.size(path)) === undefined) {
        await fs.appendFile(path, '', { sync: true });
        await fs.syncDir(join(path, '..'));
      }
    }
    const metaPath = this.#path('meta.json');
    const meta = await new DurableJsonAdapter<{ format: string; version: number }>(fs, metaPath).read();
    if (meta === null)
      await writeJsonDurably(fs, metaPath, JSON.stringify({ format: 'veil-lowdb', version: 1 }));
    else if (meta.format !== 'veil-lowdb')
      throw new StoreError('CORRUPT', `${metaPath} is not a Veil data folder.`);

    for (const name of ALL_COLLECTIONS) {
      const db = new Low<CollectionFile>(new DurableJsonAdapter(fs, this.#collectionPath(name)), {
        appliedBatch: 0,
        docs: [],
      });
      await db.read();
      if (!Array.isArray(db.data.docs))
        throw new StoreError('CORRUPT', `Data file ${this.#collectionPath(name)} has no document list.`);
      this.#docs.set(name, new Map(db.data.docs.map((doc) => [doc.id, doc])));
      this.#collectionApplied.set(name, db.data.appliedBatch);
      this.#batchNo = Math.max(this.#batchNo, db.data.appliedBatch);
    }
    for (const dir of await fs.readdir(this.#path('records'))) {
      for (const file of (await fs.readdir(this.#path('records', dir)))
        .filter((f) => /^\d+\.json$/.test(f))
        .sort()) {
        const path = this.#path('records', dir, file);
        const bytes = await fs.readFile(path);
        if (bytes === undefined) continue;
        const data = parseJsonFile<ShardFile>(path, bytes);
        if (
          !Array.isArray(data.records) ||
          !Array.isArray(data.versions) ||
          typeof data.templateId !== 'string'
        ) {
          throw new StoreError('CORRUPT', `Data file ${path} is not a record shard.`);
        }
        const state = this.#templateState(data.templateId);
        const shard: Shard = {
          no: data.shard,
          appliedBatch: data.appliedBatch,
          stored: new Map(),
          versions: data.versions,
        };
        for (const record of data.records) shard.stored.set(record.id, record);
        state.shards[data.shard] = shard;
        this.#batchNo = Math.max(this.#batchNo, data.appliedBatch);
      }
    }
    for (const key of this.#docs.get('dataKeys')?.values() ?? []) this.#unwrap(key as DataKeyDoc);

    // The audit log: a torn last line was never acknowledged (its fsync had not returned).
    const auditBytes = (await fs.readFile(this.#auditPath)) ?? Buffer.alloc(0);
    const lastNewline = auditBytes.lastIndexOf(0x0a);
    const complete = lastNewline + 1;
    if (complete < auditBytes.length) {
      this.recovery.tornAuditBytes = auditBytes.length - complete;
      await fs.truncate(this.#auditPath, complete);
    }
    this.#setHeadFromTail(auditBytes.subarray(0, complete));
    await this.#replayWal();
    for (const state of this.#templates.values()) this.#decryptTemplate(state);
    this.#indexReadSets();
  }

  #indexReadSets(): void {
    this.#readSets.clear();
    for (const doc of this.#docs.get('readSets')?.values() ?? []) this.#readSets.add(doc as ReadSetDoc);
  }

  #setHeadFromTail(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const end = bytes.length - 1;
    const start = bytes.lastIndexOf(0x0a, end - 1) + 1;
    const line = bytes.toString('utf8', start, end);
    // Read textually so an edited entry does not stop the store from opening (verify reports it).
    const seq = /^\{"seq":(\d+),/.exec(line)?.[1];
    const hash = line.slice(line.lastIndexOf('\t') + 1);
    if (seq === undefined || !/^[0-9a-f]{64}$/.test(hash)) {
      throw new StoreError('CORRUPT', `The last line of ${this.#auditPath} is damaged; run an audit verify.`);
    }
    this.#seq = Number(seq);
    this.#head = hash;
  }

  async #replayWal(): Promise<void> {
    const bytes = await this.#fs.readFile(this.#walPath);
    if (bytes === undefined || bytes.length === 0) return;
    const text = bytes.toString('utf8');
    const lines = text.split('\n');
    const tail = lines.pop() ?? '';
    this.recovery.tornWalBytes = Buffer.byteLength(tail);
    const touched = new Set<string>();
    let newAudit = '';
    for (const [index, line] of lines.entries()) {
      let batch: WalBatch;
      try {
        batch = JSON.parse(line) as WalBatch;
      } catch {
        throw new StoreError('CORRUPT', `Data file ${this.#walPath} is damaged at batch ${index + 1}.`);
      }
      this.#batchNo = Math.max(this.#batchNo, batch.b);
      // Audit lines of the batch that did not reach the log are appended now.
      for (const auditLine of batch.lines.split('\n').filter(Boolean)) {
        const entry = parseAuditLine(auditLine);
        if (entry.seq <= this.#seq) continue;
        if (entry.seq !== this.#seq + 1 || entry.prevHash !== this.#head) {
          throw new StoreError(
            'CORRUPT',
            `${this.#walPath} does not continue the audit log at entry ${entry.seq}.`,
          );
        }
        newAudit += `${auditLine}\n`;
        this.#seq = entry.seq;
        this.#head = entry.hash;
      }
      let applied = false;
      for (const op of batch.ops) applied = this.#applyOp(op, batch.b, touched) || applied;
      if (applied) this.recovery.replayedBatches += 1;
    }
    if (newAudit) await this.#fs.appendFile(this.#auditPath, newAudit, { sync: true });
    await this.#installFiles(await this.#stageFiles(touched, this.#batchNo));
    await this.#cutWal();
  }

  /** Applies a replayed op when its file has not seen the batch. Returns whether it did. */
  #applyOp(op: Op, batch: number, touched: Set<string>): boolean {
    if (op.t === 'doc-put' || op.t === 'doc-del') {
      if ((this.#collectionApplied.get(op.coll) ?? 0) >= batch) return false;
      const docs = this.#docs.get(op.coll);
      if (docs === undefined) return false;
      if (op.t === 'doc-put') docs.set(op.doc.id, op.doc);
      else docs.delete(op.id);
      touched.add(`c:${op.coll}`);
      return true;
    }
    const state = this.#templateState(op.tpl);
    const shard = this.#shard(state, op.shard);
    if (shard.appliedBatch >= batch) return false;
    switch (op.t) {
      case 'rec-put':
        shard.stored.set(op.record.id, op.record);
        if (op.version) shard.versions.push(op.version);
        break;
      case 'rec-del':
        shard.stored.delete(op.id);
        shard.versions = shard.versions.filter((v) => v.recordId !== op.id);
        break;
      case 'shard-set':
        shard.stored = new Map(op.records.map((r) => [r.id, r]));
        shard.versions = op.versions;
        break;
    }
    touched.add(`s:${op.tpl}:${op.shard}`);
    return true;
  }

  #templateState(templateId: string): TemplateState {
    let state = this.#templates.get(templateId);
    if (state === undefined) {
      state = { id: templateId, shards: [], shardOf: new Map(), plain: new Map() };
      this.#templates.set(templateId, state);
    }
    return state;
  }

  #shard(state: TemplateState, no: number): Shard {
    let shard = state.shards[no];
    if (shard === undefined) {
      shard = { no, appliedBatch: 0, stored: new Map(), versions: [] };
      state.shards[no] = shard;
    }
    return shard;
  }

  #decryptTemplate(state: TemplateState): void {
    state.plain.clear();
    state.shardOf.clear();
    for (const shard of state.shards) {
      if (shard === undefined) continue;
      for (const stored of shard.stored.values()) {
        state.shardOf.set(stored.id, shard.no);
        state.plain.set(stored.id, this.#toRow(stored));
      }
    }
  }

  // ------------------------------------------------------------------ encryption
  #unwrap(doc: DataKeyDoc): Buffer {
    const cached = this.#dataKeys.get(doc.id);
    if (cached) return cached;
    const master = this.keys.masterKeys.get(doc.masterKid);
    if (master === undefined) {
      throw new StoreError(
        'CONFIG',
        `Data key ${doc.id} is wrapped by master key ${doc.masterKid}, which the keys folder does not hold.`,
      );
    }
    const key = openBytes(master, doc, `dek\n${doc.id}\n${doc.scope}`, this.#collectionPath('dataKeys'));
    this.#dataKeys.set(doc.id, key);
    return key;
  }

  #generation(): number {
    let gen = 1;
    for (const doc of this.#docs.get('dataKeys')?.values() ?? [])
      gen = Math.max(gen, (doc as DataKeyDoc).gen);
    return gen;
  }

  /** The current data key of a scope, created (as an op of the same batch) when missing. */
  #currentKey(scope: string, ops: Op[]): { kid: string; key: Buffer } {
    const gen = this.#generation();
    for (const doc of this.#docs.get('dataKeys')?.values() ?? []) {
      const dk = doc as DataKeyDoc;
      if (dk.scope === scope && dk.gen === gen) return { kid: dk.id, key: this.#unwrap(dk) };
    }
    return this.#newDataKey(scope, gen, ops);
  }

  #newDataKey(scope: string, gen: number, ops: Op[]): { kid: string; key: Buffer } {
    const kid = `dk-${randomBytes(8).toString('hex')}`;
    const key = randomBytes(32);
    const masterKid = this.keys.currentMasterKid;
    const master = this.keys.masterKeys.get(masterKid) as Buffer;
    const doc: DataKeyDoc = {
      id: kid,
      scope,
      gen,
      masterKid,
      ...sealBytes(master, key, `dek\n${kid}\n${scope}`),
    };
    this.#docs.get('dataKeys')?.set(kid, doc);
    this.#dataKeys.set(kid, key);
    this.#undo?.push(() => {
      this.#docs.get('dataKeys')?.delete(kid);
      this.#dataKeys.delete(kid);
    });
    ops.push({ t: 'doc-put', coll: 'dataKeys', doc });
    return { kid, key };
  }

  #keyById(kid: string, where: string): Buffer {
    const doc = this.#docs.get('dataKeys')?.get(kid) as DataKeyDoc | undefined;
    if (doc === undefined)
      throw new StoreError('CORRUPT', `An encrypted value in ${where} names an unknown data key.`);
    return this.#unwrap(doc);
  }

  #seal(scope: string, aad: string, value: unknown, ops: Op[]): Envelope {
    const { kid, key } = this.#currentKey(scope, ops);
    return { $enc: 'v1', kid, ...sealBytes(key, Buffer.from(JSON.stringify(value), 'utf8'), aad) };
  }

  #openEnvelope(env: Envelope, aad: string, where: string): unknown {
    return JSON.parse(openBytes(this.#keyById(env.kid, where), env, aad, where).toString('utf8'));
  }

  #storage(templateId: string): StorageDoc | undefined {
    return this.#docs.get('storage')?.get(templateId) as StorageDoc | undefined;
  }

  #encryptData(
    templateId: string,
    recordId: string,
    data: Record<string, unknown>,
    ops: Op[],
  ): Record<string, unknown> {
    const storage = this.#storage(templateId);
    let out: unknown = data;
    for (const path of storage?.everEncrypted ?? storage?.encrypted ?? []) {
      out = mapValuesAt(out, pointerSegments(path), (value) =>
        isEnvelope(value)
          ? value
          : this.#seal(`${templateId}\n${path}`, `${templateId}\n${recordId}\n${path}`, value, ops),
      );
    }
    return out as Record<string, unknown>;
  }

  #decryptData(templateId: string, recordId: string, data: Record<string, unknown>): Record<string, unknown> {
    const where = `the records of template ${templateId}`;
    return mapObjects(data, (node, path) =>
      isEnvelope(node) ? this.#openEnvelope(node, `${templateId}\n${recordId}\n${path}`, where) : undefined,
    ) as Record<string, unknown>;
  }

  #blindOf(templateId: string, data: Record<string, unknown>): Record<string, string[]> | undefined {
    const storage = this.#storage(templateId);
    if (!storage || storage.exact.length === 0) return undefined;
    const blind: Record<string, string[]> = {};
    for (const path of storage.exact) {
      const indexes = new Set<string>();
      for (const value of valuesAt(data, pointerSegments(path))) {
        for (const item of Array.isArray(value) ? value : [value]) {
          if (typeof item === 'string' || typeof item === 'number') {
            indexes.add(
              computeBlindIndex(this.keys.blindIndexKey, path, this.#normalize(path, String(item))),
            );
          }
        }
      }
      blind[path] = [...indexes];
    }
    return blind;
  }

  #encode(record: VeilRecord, ops: Op[], retired?: Record<string, Envelope>): StoredRecord {
    const stored: StoredRecord = {
      ...clone(record),
      data: this.#encryptData(record.templateId, record.id, clone(record.data), ops),
    };
    const blind = this.#blindOf(record.templateId, record.data);
    if (blind) stored.blind = blind;
    if (retired !== undefined) stored.retired = retired;
    return stored;
  }

  #toRow(stored: StoredRecord): QueryRow {
    const { blind, retired: _retired, ...record } = stored;
    return {
      record: { ...record, data: this.#decryptData(record.templateId, record.id, record.data) },
      blind: blind ?? {},
    };
  }

  // ------------------------------------------------------------------ the commit loop
  #submit<T>(prepare: () => Prepared<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#enqueue({ kind: 'prepare', prepare, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  #exclusive<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#enqueue({ kind: 'exclusive', run, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  #enqueue(item: QueueItem): void {
    if (this.#closed) {
      item.reject(new StoreError('CLOSED', 'The store is closed.'));
      return;
    }
    if (this.#failed !== undefined) {
      item.reject(
        new StoreError('CLOSED', 'A write to disk failed earlier; reopen the store to recover.', {
          cause: this.#failed,
        }),
      );
      return;
    }
    this.#queue.push(item);
    if (!this.#running) {
      this.#running = true;
      // Let concurrent callers join the batch before it commits.
      setImmediate(() => void this.#loop());
    }
  }

  async #loop(): Promise<void> {
    while (this.#queue.length > 0) {
      const first = this.#queue[0] as QueueItem;
      if (first.kind === 'exclusive') {
        this.#queue.shift();
        try {
          first.resolve(await first.run());
        } catch (error) {
          first.reject(error);
        }
        continue;
      }
      const end = this.#queue.findIndex((item) => item.kind === 'exclusive');
      const items = this.#queue.splice(0, end === -1 ? this.#queue.length : end) as (
        | PrepareItem
        | AuditItem
      )[];
      await this.#commitBatch(items);
    }
    this.#running = false;
  }

  async #commitBatch(items: (PrepareItem | AuditItem)[]): Promise<void> {
    const ops: Op[] = [];
    const at = this.#now().toISOString();
    const seqBefore = this.#seq;
    const encoder = this.#encoder;
    encoder.reset(at);
    const chain = (audit: SerializedAudit): AuditEntry => {
      // The one place where seq and prevHash are assigned.
      const seq = this.#seq + 1;
      const prevHash = this.#head;
      const hash = encoder.add(seq, prevHash, audit.body);
      const { actor, action, target, details } = audit.input;
      this.#seq = seq;
      this.#head = hash;
      return { seq, at, actor, action, target, details, prevHash, hash };
    };
    for (const item of items) {
      if (item.kind === 'audit') {
        item.entry = chain(item);
        continue;
      }
      try {
        item.prepared = item.prepare();
      } catch (error) {
        item.reject(error);
        continue;
      }
      for (const op of item.prepared.ops) ops.push(op);
      item.entries = (item.prepared.audits ?? []).map(chain);
    }
    const lines = encoder.bytes();
    try {
      if (ops.length > 0) {
        this.#batchNo += 1;
        const batch: WalBatch = { b: this.#batchNo, lines: lines.toString('utf8'), ops };
        const walLine = Buffer.from(`${JSON.stringify(batch)}\n`, 'utf8');
        const touched = new Set<string>();
        for (const op of ops) {
          touched.add(op.t === 'doc-put' || op.t === 'doc-del' ? `c:${op.coll}` : `s:${op.tpl}:${op.shard}`);
        }
        // The WAL line is the commit point. The new files go to fsynced temp files meanwhile
        // (invisible until renamed), so a write waits for about one fsync, not four in a row.
        const [, staged] = await Promise.all([
          this.#fs.appendFile(this.#walPath, walLine, { sync: true }),
          this.#stageFiles(touched, this.#batchNo),
        ]);
        this.#walBytes += walLine.length;
        // Applying the batch needs no fsync of its own: the WAL holds it until the log and the
        // folders are synced, just before the WAL is cut (replay is idempotent).
        await Promise.all([
          lines.length > 0 ? this.#fs.appendFile(this.#auditPath, lines, { sync: false }) : undefined,
          this.#installFiles(staged),
        ]);
        if (lines.length > 0) this.#auditDirty = true;
        if (this.#walBytes > (this.#options.walLimitBytes ?? 4 * 1024 * 1024)) await this.#cutWal();
      } else if (lines.length > 0) {
        // Pure audit appends are not in the WAL: their own fsync makes them durable (group commit).
        await this.#fs.appendFile(this.#auditPath, lines, { sync: true });
        this.#auditDirty = false;
      }
      if (Math.floor(seqBefore / this.#checkpointEvery) !== Math.floor(this.#seq / this.#checkpointEvery)) {
        await this.#writeCheckpoint();
      }
    } catch (error) {
      this.#failed = error;
      for (const item of items) if (item.kind === 'audit' || item.prepared) item.reject(error);
      return;
    }
    for (const item of items) {
      if (item.kind === 'audit') item.resolve(item.entry);
      else if (item.prepared !== undefined) {
        try {
          item.resolve(item.prepared.result(item.entries ?? []));
        } catch (error) {
          item.reject(error);
        }
      }
    }
  }

  /** Writes each touched file's new content to a fsynced temp file; returns [temp, path] pairs. */
  async #stageFiles(touched: Set<string>, batch: number): Promise<[string, string][]> {
    return Promise.all(
      [...touched].map(async (key): Promise<[string, string]> => {
        if (key.startsWith('c:')) {
          const name = key.slice(2);
          this.#collectionApplied.set(name, batch);
          const file: CollectionFile = {
            appliedBatch: batch,
            docs: [...(this.#docs.get(name)?.values() ?? [])],
          };
          const path = this.#collectionPath(name);
          return [await stageJson(this.#fs, path, JSON.stringify(file)), path];
        }
        const [, tpl, no] = /^s:(.*):(\d+)$/s.exec(key) as RegExpExecArray;
        const state = this.#templateState(tpl as string);
        const shard = this.#shard(state, Number(no));
        shard.appliedBatch = batch;
        const file: ShardFile = {
          templateId: state.id,
          shard: shard.no,
          appliedBatch: batch,
          records: [...shard.stored.values()],
          versions: shard.versions,
        };
        const folder = this.#path('records', dirNameOf(state.id));
        if (!this.#madeDirs.has(folder)) {
          await this.#fs.mkdir(folder);
          this.#madeDirs.add(folder);
        }
        const path = this.#shardPath(state.id, shard.no);
        return [await stageJson(this.#fs, path, JSON.stringify(file)), path];
      }),
    );
  }

  /** Renames staged files into place; their folders are synced before the WAL is cut. */
  async #installFiles(staged: [string, string][]): Promise<void> {
    await Promise.all(
      staged.map(async ([temp, path]) => {
        await this.#fs.rename(temp, path);
        this.#dirtyDirs.add(dirname(path));
      }),
    );
  }

  /** Makes everything the WAL covers durable on its own (audit log, renames), then empties the WAL. */
  async #cutWal(): Promise<void> {
    await this.#flushApplied();
    await this.#fs.truncate(this.#walPath, 0);
    this.#walBytes = 0;
  }

  async #flushApplied(): Promise<void> {
    const dirs = [...this.#dirtyDirs];
    this.#dirtyDirs.clear();
    const audit = this.#auditDirty;
    this.#auditDirty = false;
    await Promise.all([
      audit ? this.#fs.appendFile(this.#auditPath, Buffer.alloc(0), { sync: true }) : undefined,
      ...dirs.map((dir) => this.#fs.syncDir(dir)),
    ]);
  }

  async #writeCheckpoint(): Promise<AuditCheckpoint> {
    const cp = signCheckpoint(
      this.#seq,
      this.#head,
      this.#now().toISOString(),
      this.keys.signingKey,
      this.keys.publicKeyPem,
    );
    // Not fsynced on its own: a lost checkpoint is re-made later, and a torn last line is skipped.
    await this.#fs.appendFile(this.#checkpointPath, `${JSON.stringify(cp)}\n`, { sync: false });
    return cp;
  }

  // ------------------------------------------------------------------ collections
  #collection(name: string): Map<string, AnyDoc> {
    const docs = this.#docs.get(name);
    if (docs === undefined) throw new StoreError('INVALID', `Unknown collection ${name}.`);
    return docs;
  }

  async getDoc<K extends CollectionName>(name: K, id: string): Promise<CollectionTypes[K] | undefined> {
    const doc = this.#collection(name).get(id);
    return doc === undefined ? undefined : (clone(doc) as CollectionTypes[K]);
  }

  async listDocs<K extends CollectionName>(
    name: K,
    where?: DocWhere<CollectionTypes[K]>,
  ): Promise<CollectionTypes[K][]> {
    const conditions = Object.entries(where ?? {});
    return [...this.#collection(name).values()]
      .filter((doc) =>
        conditions.every(([key, value]) => (doc as unknown as Record<string, unknown>)[key] === value),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((doc) => clone(doc) as CollectionTypes[K]);
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
    return this.#submit(() => {
      const undo: Undo = [];
      const ops: Op[] = [];
      const existed = this.#collection(name).has(id);
      this.#runStep({ kind: 'deleteDoc', name, id }, ops, undo);
      return { ops, ...(entry ? { audits: [entry] } : {}), result: () => existed };
    });
  }

  recordLoginFailure(input: LoginFailureInput): Promise<LoginAttemptDoc> {
    return this.#submit(() => {
      const docs = this.#collection('loginAttempts');
      const existing = docs.get(input.id) as LoginAttemptDoc | undefined;
      const at = Date.parse(input.at);
      const stale = existing !== undefined && Date.parse(existing.lastFailureAt) + input.windowMs < at;
      const failures = existing && !stale ? existing.failures + 1 : 1;
      const locked = failures >= input.lockAfter;
      const doc: LoginAttemptDoc = {
        id: input.id,
        failures,
        firstFailureAt: existing && !stale ? existing.firstFailureAt : input.at,
        lastFailureAt: input.at,
        ...(locked ? { lockedUntil: new Date(at + input.lockMs).toISOString() } : {}),
      };
      docs.set(doc.id, doc);
      const audit = serialized({
        actor: input.audit.actor,
        action: locked ? input.audit.lockedAction : input.audit.action,
        target: input.audit.target,
        details: { failures },
      });
      return {
        ops: [{ t: 'doc-put', coll: 'loginAttempts', doc }],
        audits: [audit],
        result: () => clone(doc),
      };
    });
  }

  // ------------------------------------------------------------------ units of work
  commit(unit: UnitOfWork): Promise<UnitResult> {
    let steps: WriteStep[];
    let audits: SerializedAudit[];
    try {
      steps = clone(unit.steps);
      audits = (unit.audit ?? []).map(serialized);
      for (const step of steps) this.#checkStep(step);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#submit(() => {
      const ops: Op[] = [];
      const undo: Undo = [];
      this.#undo = undo;
      try {
        for (const step of steps) this.#runStep(step, ops, undo);
      } catch (error) {
        for (let i = undo.length - 1; i >= 0; i--) (undo[i] as () => void)();
        throw error;
      } finally {
        this.#undo = null;
      }
      return { ops, audits, result: (entries) => ({ entries }) };
    });
  }

  /** Checks a step's shape before it joins a batch. */
  #checkStep(step: WriteStep): void {
    if (step.kind === 'putDoc' || step.kind === 'insertDoc') {
      if (typeof step.doc?.id !== 'string' || step.doc.id === '')
        throw new StoreError('INVALID', 'A document needs an id.');
      this.#collection(step.name);
    }
  }

  /** Applies one step to memory (undoable) and adds its ops. */
  #runStep(step: WriteStep, ops: Op[], undo: Undo): void {
    switch (step.kind) {
      case 'putDoc':
      case 'insertDoc': {
        const docs = this.#collection(step.name);
        if (step.name === 'departments') this.#childrenCache = null;
        const before = docs.get(step.doc.id);
        if (step.kind === 'insertDoc' && before !== undefined)
          throw new StoreError('CONFLICT', `Document ${step.doc.id} of ${step.name} already exists.`);
        docs.set(step.doc.id, step.doc);
        undo.push(() => (before === undefined ? docs.delete(step.doc.id) : docs.set(step.doc.id, before)));
        ops.push({ t: 'doc-put', coll: step.name, doc: step.doc });
        return;
      }
      case 'deleteDoc': {
        const docs = this.#collection(step.name);
        if (step.name === 'departments') this.#childrenCache = null;
        const before = docs.get(step.id);
        if (before === undefined) return;
        docs.delete(step.id);
        undo.push(() => docs.set(step.id, before));
        ops.push({ t: 'doc-del', coll: step.name, id: step.id });
        return;
      }
      case 'putReadSet': {
        const doc: ReadSetDoc = { ...step.readSet, hash: hashReadSet(step.readSet) };
        this.#runStep({ kind: 'insertDoc', name: 'readSets', doc } as unknown as WriteStep, ops, undo);
        this.#readSets.add(doc);
        undo.push(() => this.#readSets.remove(doc));
        return;
      }
      case 'createRecord':
        this.#createRecord(step.record, ops, undo);
        return;
      case 'updateRecord':
        this.#updateRecord(step, ops, undo);
        return;
      case 'deleteRecord':
        this.#deleteRecord(step, ops, undo);
        return;
    }
  }

  // ------------------------------------------------------------------ templates
  registerTemplate(template: SanitizedTemplate): Promise<TemplateStorage> {
    return this.#submit(() => {
      const before = this.#storage(template.id);
      const storage = storageOf(template, before);
      this.#collection('storage').set(storage.id, storage);
      const ops: Op[] = [{ t: 'doc-put', coll: 'storage', doc: storage }];
      const removed = Object.keys(before?.fields ?? {}).filter((path) => !(path in (storage.fields ?? {})));
      const changed =
        removed.length > 0 ||
        before === undefined ||
        JSON.stringify([before.everEncrypted ?? before.encrypted, before.exact]) !==
          JSON.stringify([storage.everEncrypted, storage.exact]);
      const state = this.#templates.get(template.id);
      // Re-store existing records so newly encrypted or indexed paths are encrypted or indexed on
      // disk too, and values of removed fields leave `data` (kept encrypted, see decision 170).
      if (changed && state) {
        const retire = removed.map((path) => ({ path, key: `${path}@${before?.fields?.[path] ?? 1}` }));
        for (const shard of state.shards) if (shard) ops.push(this.#reencodeShard(state, shard, ops, retire));
      }
      const { id: _id, ...result } = storage;
      return { ops, result: () => clone(result) };
    });
  }

  #reencodeShard(state: TemplateState, shard: Shard, ops: Op[], retire: RetiredField[] = []): Op {
    for (const [id, previous] of shard.stored) {
      const row = state.plain.get(id) as QueryRow;
      const kept = this.#retire(state.id, id, row.record.data, retire, ops);
      const record = { ...row.record, data: kept.data };
      const stored = this.#encode(record, ops, this.#resealRetired(state.id, id, previous.retired, ops));
      if (kept.retired) stored.retired = { ...stored.retired, ...kept.retired };
      shard.stored.set(id, stored);
      state.plain.set(id, { record, blind: stored.blind ?? {} });
    }
    shard.versions = shard.versions.map((version) => {
      const data = this.#decryptData(version.templateId, version.recordId, version.data);
      const kept = this.#retire(version.templateId, version.recordId, data, retire, ops);
      const next: StoredVersion = {
        ...version,
        data: this.#encryptData(version.templateId, version.recordId, kept.data, ops),
      };
      const retired = {
        ...this.#resealRetired(version.templateId, version.recordId, version.retired, ops),
        ...kept.retired,
      };
      if (Object.keys(retired).length > 0) next.retired = retired;
      return next;
    });
    return {
      t: 'shard-set',
      tpl: state.id,
      shard: shard.no,
      records: [...shard.stored.values()],
      versions: shard.versions,
    };
  }

  /** Moves the values of removed fields out of `data` into sealed envelopes (one per field identity). */
  #retire(
    templateId: string,
    recordId: string,
    data: Record<string, unknown>,
    retire: readonly RetiredField[],
    ops: Op[],
  ): { data: Record<string, unknown>; retired?: Record<string, Envelope> } {
    let out = data;
    let retired: Record<string, Envelope> | undefined;
    for (const { path, key } of retire) {
      const taken = takeValuesAt(out, pointerSegments(path));
      if (taken.values.length === 0) continue;
      out = taken.data;
      retired ??= {};
      retired[key] = this.#seal(
        `${templateId}\n${path}`,
        `${templateId}\n${recordId}\nretired\n${key}`,
        taken.values,
        ops,
      );
    }
    return retired ? { data: out, retired } : { data: out };
  }

  /** Retired envelopes sealed again under the current data keys (rotation, re-encoding). */
  #resealRetired(
    templateId: string,
    recordId: string,
    retired: Record<string, Envelope> | undefined,
    ops: Op[],
  ): Record<string, Envelope> | undefined {
    if (retired === undefined) return undefined;
    const where = `the records of template ${templateId}`;
    const out: Record<string, Envelope> = {};
    for (const [key, env] of Object.entries(retired)) {
      const aad = `${templateId}\n${recordId}\nretired\n${key}`;
      const path = key.slice(0, key.lastIndexOf('@'));
      out[key] = this.#seal(`${templateId}\n${path}`, aad, this.#openEnvelope(env, aad, where), ops);
    }
    return out;
  }

  async getTemplateStorage(templateId: string): Promise<TemplateStorage | undefined> {
    const storage = this.#storage(templateId);
    if (storage === undefined) return undefined;
    const { id: _id, ...rest } = clone(storage);
    return rest;
  }

  // ------------------------------------------------------------------ records
  createRecord(input: CreateRecordInput): Promise<VeilRecord> {
    return this.commit({
      steps: [{ kind: 'createRecord', record: input.record }],
      audit: [input.audit],
    }).then(() => clone(input.record));
  }

  updateRecord(input: UpdateRecordInput): Promise<VeilRecord> {
    const record = clone(input.record);
    return this.commit({
      steps: [
        {
          kind: 'updateRecord',
          record,
          expectedVersion: input.expectedVersion,
          supersededBy: input.audit.actor,
        },
      ],
      audit: [input.audit],
    }).then(() => record);
  }

  deleteRecord(input: DeleteRecordInput): Promise<void> {
    const step: WriteStep = { kind: 'deleteRecord', templateId: input.templateId, id: input.id };
    if (input.expectedVersion !== undefined) step.expectedVersion = input.expectedVersion;
    return this.commit({ steps: [step], audit: [input.audit] }).then(() => undefined);
  }

  #createRecord(record: VeilRecord, ops: Op[], undo: Undo): void {
    if (record.version !== 1)
      throw new StoreError('INVALID', `A new record starts at version 1 (record ${record.id}).`);
    const state = this.#templateState(record.templateId);
    if (state.plain.has(record.id)) throw new StoreError('CONFLICT', `Record ${record.id} already exists.`);
    let last = state.shards.length - 1;
    if (last < 0 || (state.shards[last]?.stored.size ?? 0) >= this.#shardSize) last += 1;
    const shard = this.#shard(state, last);
    const stored = this.#encode(record, ops);
    shard.stored.set(record.id, stored);
    state.shardOf.set(record.id, shard.no);
    state.plain.set(record.id, { record, blind: stored.blind ?? {} });
    undo.push(() => {
      shard.stored.delete(record.id);
      state.shardOf.delete(record.id);
      state.plain.delete(record.id);
    });
    ops.push({ t: 'rec-put', tpl: state.id, shard: shard.no, record: stored });
  }

  #current(templateId: string, id: string, expectedVersion: number | undefined) {
    const state = this.#templateState(templateId);
    const row = state.plain.get(id);
    const no = state.shardOf.get(id);
    if (row === undefined || no === undefined)
      throw new StoreError('NOT_FOUND', `Record ${id} does not exist.`);
    if (expectedVersion !== undefined && row.record.version !== expectedVersion) {
      throw new StoreError(
        'VERSION_CONFLICT',
        `Record ${id} is at version ${row.record.version}, not ${expectedVersion}.`,
      );
    }
    return { state, row, shard: this.#shard(state, no) };
  }

  #updateRecord(step: Extract<WriteStep, { kind: 'updateRecord' }>, ops: Op[], undo: Undo): void {
    const { record, expectedVersion } = step;
    const { state, row, shard } = this.#current(record.templateId, record.id, expectedVersion);
    if (record.version !== expectedVersion + 1) {
      throw new StoreError(
        'INVALID',
        `The new version of record ${record.id} must be ${expectedVersion + 1}.`,
      );
    }
    const previous = shard.stored.get(record.id) as StoredRecord;
    const version: StoredVersion = {
      recordId: record.id,
      templateId: record.templateId,
      version: previous.version,
      templateVersion: previous.templateVersion,
      updatedAt: previous.updatedAt,
      supersededAt: record.updatedAt,
      supersededBy: step.supersededBy,
      data: previous.data,
      ...(previous.retired ? { retired: previous.retired } : {}),
    };
    const stored = this.#encode(record, ops, previous.retired);
    const versionsBefore = shard.versions;
    shard.stored.set(record.id, stored);
    shard.versions = [...shard.versions, version];
    state.plain.set(record.id, { record, blind: stored.blind ?? {} });
    undo.push(() => {
      shard.stored.set(record.id, previous);
      shard.versions = versionsBefore;
      state.plain.set(record.id, row);
    });
    ops.push({ t: 'rec-put', tpl: state.id, shard: shard.no, record: stored, version });
  }

  #deleteRecord(step: Extract<WriteStep, { kind: 'deleteRecord' }>, ops: Op[], undo: Undo): void {
    const { state, row, shard } = this.#current(step.templateId, step.id, step.expectedVersion);
    const previous = shard.stored.get(step.id) as StoredRecord;
    const versionsBefore = shard.versions;
    shard.stored.delete(step.id);
    shard.versions = shard.versions.filter((v) => v.recordId !== step.id);
    state.plain.delete(step.id);
    state.shardOf.delete(step.id);
    undo.push(() => {
      shard.stored.set(step.id, previous);
      shard.versions = versionsBefore;
      state.plain.set(step.id, row);
      state.shardOf.set(step.id, shard.no);
    });
    ops.push({ t: 'rec-del', tpl: state.id, shard: shard.no, id: step.id });
  }

  async getRecord(templateId: string, id: string): Promise<VeilRecord | undefined> {
    const row = this.#templates.get(templateId)?.plain.get(id);
    return row === undefined ? undefined : clone(row.record);
  }

  #queryContext(templateId: string, query: RecordQuery): QueryContext {
    const storage = this.#storage(templateId);
    checkQuery(query, storage);
    const users = this.#collection('users');
    return {
      ownerPointer: storage?.owner,
      inScope: scopeTest(query.scope, {
        departmentOf: (userId) => (users.get(userId) as UserDoc | undefined)?.departmentId,
        childrenOf: (departmentId) => this.#departmentChildren().get(departmentId) ?? [],
      }),
      blindIndex: (field, value) => computeBlindIndex(this.keys.blindIndexKey, field, value),
    };
  }

  /** Department id → child ids, rebuilt only after the departments collection changed. */
  #departmentChildren(): Map<string, string[]> {
    if (this.#childrenCache !== null) return this.#childrenCache;
    const docs = this.#collection('departments');
    const children = new Map<string, string[]>();
    for (const doc of docs.values() as Iterable<DepartmentDoc>) {
      if (doc.parentId === null) continue;
      const list = children.get(doc.parentId);
      if (list === undefined) children.set(doc.parentId, [doc.id]);
      else list.push(doc.id);
    }
    this.#childrenCache = children;
    return children;
  }

  async queryRecords(templateId: string, query: RecordQuery): Promise<RecordPage> {
    const context = this.#queryContext(templateId, query);
    return runQuery(this.#templates.get(templateId)?.plain.values() ?? [], query, context);
  }

  async countRecords(templateId: string, query: RecordQuery): Promise<number> {
    const context = this.#queryContext(templateId, query);
    return countRows(this.#templates.get(templateId)?.plain.values() ?? [], query, context);
  }

  async listRecordVersions(templateId: string, id: string): Promise<RecordVersion[]> {
    const state = this.#templates.get(templateId);
    const no = state?.shardOf.get(id);
    if (state === undefined || no === undefined) return [];
    return (state.shards[no]?.versions ?? [])
      .filter((v) => v.recordId === id)
      .map(({ retired: _retired, ...v }) => ({
        ...clone(v),
        data: this.#decryptData(templateId, id, v.data),
      }))
      .sort((a, b) => a.version - b.version);
  }

  // ------------------------------------------------------------------ notes
  putNote(text: string): Promise<string> {
    const id = `note_${randomBytes(12).toString('base64url')}`;
    return this.#submit(() => {
      const ops: Op[] = [];
      const doc: NoteDoc = { id, env: this.#seal('notes', `note\n${id}`, text, ops) };
      this.#collection('notes').set(id, doc);
      ops.push({ t: 'doc-put', coll: 'notes', doc });
      return { ops, result: () => id };
    });
  }

  async getNote(id: string): Promise<string | undefined> {
    const doc = this.#collection('notes').get(id) as NoteDoc | undefined;
    return doc === undefined
      ? undefined
      : (this.#openEnvelope(doc.env, `note\n${id}`, this.#collectionPath('notes')) as string);
  }

  eraseNote(id: string): Promise<boolean> {
    return this.#submit(() => {
      const existed = this.#collection('notes').delete(id);
      return { ops: existed ? [{ t: 'doc-del', coll: 'notes', id }] : [], result: () => existed };
    });
  }

  async listReadSets(filter: ReadSetFilter): Promise<ReadSetDoc[]> {
    return clone(this.#readSets.list(filter.templateId, filter.recordId));
  }

  eraseFromReadSets(filter: ReadSetFilter): Promise<number> {
    return this.#submit(() => {
      const ops: Op[] = [];
      const docs = this.#collection('readSets');
      const found = this.#readSets.list(filter.templateId, filter.recordId);
      for (const doc of found) {
        this.#readSets.remove(doc);
        const next: ReadSetDoc = { ...doc, records: doc.records.filter((r) => r.id !== filter.recordId) };
        docs.set(next.id, next);
        this.#readSets.add(next);
        ops.push({ t: 'doc-put', coll: 'readSets', doc: next });
      }
      return { ops, result: () => found.length };
    });
  }

  // ------------------------------------------------------------------ audit
  appendAudit(input: AuditInput): Promise<AuditEntry> {
    const body = serializeAuditBody(input);
    return new Promise<AuditEntry>((resolve, reject) => {
      this.#enqueue({ kind: 'audit', input, body, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /** The durable audit bytes up to the current head (read inside the commit loop). */
  #auditSnapshot(): Promise<{ bytes: Buffer; seq: number; head: string }> {
    return this.#exclusive(async () => ({
      bytes: (await this.#fs.readFile(this.#auditPath)) ?? Buffer.alloc(0),
      seq: this.#seq,
      head: this.#head,
    }));
  }

  async #entries(): Promise<AuditEntry[]> {
    const { bytes, seq } = await this.#auditSnapshot();
    const lines = bytes.toString('utf8').split('\n').slice(0, seq);
    return lines.map((line, index) => {
      try {
        return parseAuditLine(line);
      } catch {
        throw new StoreError(
          'CORRUPT',
          `Line ${index + 1} of ${this.#auditPath} is damaged; run an audit verify.`,
        );
      }
    });
  }

  async listAudit(filter: AuditFilter = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const below = filter.cursor === undefined ? Number.POSITIVE_INFINITY : Number(filter.cursor);
    if (Number.isNaN(below)) throw new StoreError('INVALID', 'The cursor is not one this store issued.');
    const entries = await this.#entries();
    const out: AuditEntry[] = [];
    let nextCursor: string | null = null;
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as AuditEntry;
      if (entry.seq >= below) continue;
      if (filter.actor !== undefined && entry.actor !== filter.actor) continue;
      if (filter.action !== undefined && entry.action !== filter.action) continue;
      if (filter.target !== undefined && entry.target !== filter.target) continue;
      if (filter.from !== undefined && entry.at < filter.from) continue;
      if (filter.to !== undefined && entry.at >= filter.to) continue;
      if (out.length === limit) {
        nextCursor = String((out[out.length - 1] as AuditEntry).seq);
        break;
      }
      out.push(entry);
    }
    return { entries: out, nextCursor };
  }

  async *exportAudit(range: AuditRange = {}): AsyncIterable<AuditEntry> {
    for (const entry of await this.#entries()) {
      if (range.fromSeq !== undefined && entry.seq < range.fromSeq) continue;
      if (range.toSeq !== undefined && entry.seq > range.toSeq) break;
      yield entry;
    }
  }

  async verifyAudit(options: { checkpoints?: AuditCheckpoint[] } = {}): Promise<AuditVerifyResult> {
    // Opened inside the commit loop: the file then holds whole batches up to the kept head, and
    // it is streamed afterwards in large chunks without holding up writers.
    const { reader, bytes, seq, head } = await this.#exclusive(async () => {
      const reader = await this.#fs.openReader?.(this.#auditPath);
      const bytes = reader ? undefined : ((await this.#fs.readFile(this.#auditPath)) ?? Buffer.alloc(0));
      return { reader, bytes, seq: this.#seq, head: this.#head };
    });
    const stored = await this.#storedCheckpoints();
    const checkOptions = {
      upToSeq: Number.POSITIVE_INFINITY,
      stored,
      trustedPublicKey: this.keys.publicKeyPem,
      keptHead: { seq, hash: head },
    };
    if (reader === undefined)
      return checkAgainstCheckpoints(bytes ?? Buffer.alloc(0), options.checkpoints ?? [], checkOptions);
    try {
      return await checkAuditStream(reader.read, reader.size, options.checkpoints ?? [], checkOptions);
    } finally {
      await reader.close();
    }
  }

  async #storedCheckpoints(): Promise<AuditCheckpoint[]> {
    const bytes = await this.#fs.readFile(this.#checkpointPath);
    if (bytes === undefined) return [];
    const lines = bytes.toString('utf8').split('\n');
    lines.pop(); // empty, or a torn last line that was never synced
    return lines.filter(Boolean).map((line, index) => {
      try {
        return JSON.parse(line) as AuditCheckpoint;
      } catch {
        throw new StoreError('CORRUPT', `Line ${index + 1} of ${this.#checkpointPath} is damaged.`);
      }
    });
  }

  exportCheckpoint(): Promise<AuditCheckpoint> {
    return this.#exclusive(() => this.#writeCheckpoint());
  }

  // ------------------------------------------------------------------ keys and backup
  async rotateKeys(): Promise<{ reencrypted: number }> {
    const jobId = 'rotate-keys';
    let job = (await this.getDoc('jobs', jobId)) as JobDoc | undefined;
    if (job === undefined || job.status !== 'running') {
      addMasterKey(this.keys);
      const now = this.#now().toISOString();
      job = {
        id: jobId,
        kind: 'rotate-keys',
        status: 'running',
        startedAt: now,
        updatedAt: now,
        progress: { shardsDone: [], notesDone: false },
      };
      const started = job;
      await this.#submit(() => {
        const ops: Op[] = [];
        const gen = this.#generation() + 1;
        const scopes = new Set(
          [...(this.#docs.get('dataKeys')?.values() ?? [])].map((d) => (d as DataKeyDoc).scope),
        );
        for (const scope of scopes) this.#newDataKey(scope, gen, ops);
        this.#collection('jobs').set(jobId, started);
        ops.push({ t: 'doc-put', coll: 'jobs', doc: started });
        return { ops, result: () => undefined };
      });
    }
    let reencrypted = 0;
    let steps = 0;
    for (const state of [...this.#templates.values()]) {
      for (const shard of state.shards) {
        if (shard === undefined) continue;
        const key = `${state.id}\n${shard.no}`;
        const done = (this.#collection('jobs').get(jobId) as JobDoc).progress.shardsDone as string[];
        if (done.includes(key)) continue;
        await this.#submit(() => {
          const ops: Op[] = [];
          ops.push(this.#reencodeShard(state, shard, ops));
          reencrypted += shard.stored.size + shard.versions.length;
          const current = this.#collection('jobs').get(jobId) as JobDoc;
          const next: JobDoc = {
            ...current,
            updatedAt: this.#now().toISOString(),
            progress: {
              ...current.progress,
              shardsDone: [...(current.progress.shardsDone as string[]), key],
            },
          };
          this.#collection('jobs').set(jobId, next);
          ops.push({ t: 'doc-put', coll: 'jobs', doc: next });
          return { ops, result: () => undefined };
        });
        steps += 1;
        this.#options.onRotationStep?.(steps);
      }
    }
    await this.#submit(() => {
      const ops: Op[] = [];
      const notes = this.#collection('notes');
      for (const doc of [...notes.values()] as NoteDoc[]) {
        const text = this.#openEnvelope(doc.env, `note\n${doc.id}`, this.#collectionPath('notes'));
        const next: NoteDoc = { id: doc.id, env: this.#seal('notes', `note\n${doc.id}`, text, ops) };
        notes.set(doc.id, next);
        ops.push({ t: 'doc-put', coll: 'notes', doc: next });
        reencrypted += 1;
      }
      // Retire the data keys of older generations: nothing refers to them any more.
      const gen = this.#generation();
      const dataKeys = this.#collection('dataKeys');
      for (const doc of [...dataKeys.values()] as DataKeyDoc[]) {
        if (doc.gen < gen) {
          dataKeys.delete(doc.id);
          this.#dataKeys.delete(doc.id);
          ops.push({ t: 'doc-del', coll: 'dataKeys', id: doc.id });
        }
      }
      const current = this.#collection('jobs').get(jobId) as JobDoc;
      const finished: JobDoc = { ...current, status: 'done', updatedAt: this.#now().toISOString() };
      this.#collection('jobs').set(jobId, finished);
      ops.push({ t: 'doc-put', coll: 'jobs', doc: finished });
      return { ops, result: () => undefined };
    });
    dropOldMasterKeys(this.keys);
    return { reencrypted };
  }

  exportBackup(path: string): Promise<void> {
    return this.#exclusive(async () => {
      const collections: Record<string, AnyDoc[]> = {};
      for (const [name, docs] of this.#docs) collections[name] = [...docs.values()];
      const shards: ShardFile[] = [];
      for (const state of this.#templates.values()) {
        for (const shard of state.shards) {
          if (shard === undefined) continue;
          shards.push({
            templateId: state.id,
            shard: shard.no,
            appliedBatch: 0,
            records: [...shard.stored.values()],
            versions: shard.versions,
          });
        }
      }
      const backup: BackupFile = {
        format: 'veil-backup',
        version: 1,
        createdAt: this.#now().toISOString(),
        collections,
        shards,
        audit: ((await this.#fs.readFile(this.#auditPath)) ?? Buffer.alloc(0)).toString('utf8'),
        checkpoints: ((await this.#fs.readFile(this.#checkpointPath)) ?? Buffer.alloc(0)).toString('utf8'),
      };
      await writeJsonDurably(this.#fs, path, JSON.stringify(backup));
    });
  }

  importBackup(path: string): Promise<void> {
    return this.#exclusive(async () => {
      const bytes = await this.#fs.readFile(path);
      if (bytes === undefined) throw new StoreError('NOT_FOUND', `No backup at ${path}.`);
      const backup = parseJsonFile<BackupFile>(path, bytes);
      if (backup.format !== 'veil-backup') throw new StoreError('INVALID', `${path} is not a Veil backup.`);
      // Check every data key unwraps before anything is replaced.
      const previousKeys = new Map(this.#dataKeys);
      this.#dataKeys.clear();
      try {
        for (const doc of backup.collections.dataKeys ?? []) this.#unwrap(doc as DataKeyDoc);
      } catch (error) {
        for (const [kid, key] of previousKeys) this.#dataKeys.set(kid, key);
        throw error;
      }
      const batch = this.#batchNo + 1;
      this.#batchNo = batch;
      await this.#flushApplied();
      await this.#fs.truncate(this.#walPath, 0).catch(() => undefined);
      this.#walBytes = 0;
      for (const name of ALL_COLLECTIONS) {
        this.#docs.set(name, new Map((backup.collections[name] ?? []).map((doc) => [doc.id, doc])));
      }
      const oldShards = [...this.#templates.values()].flatMap((s) =>
        s.shards.filter(Boolean).map((sh) => [s.id, sh.no] as const),
      );
      this.#templates.clear();
      for (const file of backup.shards) {
        const state = this.#templateState(file.templateId);
        state.shards[file.shard] = {
          no: file.shard,
          appliedBatch: batch,
          stored: new Map(file.records.map((r) => [r.id, r])),
          versions: file.versions,
        };
      }
      const touched = new Set<string>(ALL_COLLECTIONS.map((name) => `c:${name}`));
      for (const state of this.#templates.values())
        for (const shard of state.shards) if (shard) touched.add(`s:${state.id}:${shard.no}`);
      for (const [tpl, no] of oldShards)
        if (!touched.has(`s:${tpl}:${no}`)) await this.#fs.unlink(this.#shardPath(tpl, no));
      await this.#installFiles(await this.#stageFiles(touched, batch));
      await this.#flushApplied();
      const auditTemp = `${this.#auditPath}.import`;
      await this.#fs.writeFile(auditTemp, backup.audit, { sync: true });
      await this.#fs.rename(auditTemp, this.#auditPath);
      const cpTemp = `${this.#checkpointPath}.import`;
      await this.#fs.writeFile(cpTemp, backup.checkpoints, { sync: true });
      await this.#fs.rename(cpTemp, this.#checkpointPath);
      await this.#fs.syncDir(this.#path('audit'));
      this.#seq = 0;
      this.#head = GENESIS_HASH;
      this.#setHeadFromTail(Buffer.from(backup.audit, 'utf8'));
      for (const state of this.#templates.values()) this.#decryptTemplate(state);
      this.#childrenCache = null;
      this.#indexReadSets();
      this.#indexReadSets();
    });
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const closing = this.#exclusive(async () => {
      if (this.#seq > 0) await this.#writeCheckpoint();
      await this.#flushApplied();
      for (const path of [this.#auditPath, this.#checkpointPath, this.#walPath])
        await this.#fs.release?.(path);
    });
    this.#closed = true;
    return closing.then(() => undefined);
  }
}

interface BackupFile {
  format: 'veil-backup';
  version: 1;
  createdAt: string;
  collections: Record<string, AnyDoc[]>;
  shards: ShardFile[];
  /** The audit log's stored bytes, verbatim. */
  audit: string;
  checkpoints: string;
}
