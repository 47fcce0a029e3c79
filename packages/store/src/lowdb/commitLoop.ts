import { dirname } from 'node:path';
import { type AuditBatchEncoder, signCheckpoint } from '../audit/auditChain.js';
import type { FileSystem } from '../fs/fileSystem.js';
import type { KeyMaterial } from '../keys/loadKeys.js';
import type { QueryRow } from '../records/runQuery.js';
import { type AuditCheckpoint, type AuditEntry, StoreError } from '../store.js';
import { cleanTempFiles } from './cleanTempFiles.js';
import type { AuditItem, PrepareItem, QueueItem } from './commitQueue.js';
import { manifestKey, writeManifest } from './dataManifest.js';
import type { LowdbDataKeys } from './lowdbDataKeys.js';
import type { LowdbState } from './lowdbState.js';
import type { Op, Prepared, SerializedAudit, StoredRecord, Undo, WalBatch } from './lowdbTypes.js';
import { docFileKey } from './shardedDocs.js';
import { type StagedFile, stageTouchedFiles } from './stageTouchedFiles.js';
import {
  appendOrUndo,
  ignoreStorageFull,
  isStorageFull,
  settleAll,
  storageFullError,
} from './storageFull.js';
import { undoRefusedBatch } from './undoRefusedBatch.js';

/** The file an op changes: `c:<collection>[/<shard>]`, `s:<template>:<shard>` or `r:` (read sets). */
export function touchedKey(op: Op): string {
  switch (op.t) {
    case 'doc-put':
      return docFileKey(op.coll, op.doc.id);
    case 'doc-del':
      return docFileKey(op.coll, op.id);
    case 'rs-put':
    case 'rs-set':
      return 'r:';
    default:
      return `s:${op.tpl}:${op.shard}`;
  }
}

export interface CommitLoopOptions {
  state: LowdbState;
  fs: FileSystem;
  keys: KeyMaterial;
  dataKeys: LowdbDataKeys;
  encoder: AuditBatchEncoder;
  now: () => Date;
  walLimitBytes: number;
  checkpointEvery: number;
  /** The query row of a stored record (to read files back after a refused batch). */
  decode: (stored: StoredRecord) => QueryRow;
}

/**
 * The one writer: requests queue up, join a batch, and commit with one WAL append (the commit
 * point, decision 072); exclusive tasks (verify, backup, close) run between batches.
 */
export class CommitLoop {
  readonly #o: CommitLoopOptions;
  #queue: QueueItem[] = [];
  #running = false;
  #failed: unknown;
  closed = false;
  /** Folders with renames not yet fsynced, and whether the audit log has unsynced appends: the WAL still covers both. */
  readonly #dirtyDirs = new Set<string>();
  #auditDirty = false;
  #readSetsDirty = false;
  /** Audit lines of committed batches that a full disk refused: appended before any later ones. */
  #auditPending: Buffer | undefined;
  /** Read-set lines of committed batches that a full disk refused (likewise). */
  #readSetsPending = '';
  /** Bytes appended to the WAL since it was last cut. */
  walBytes = 0;
  readonly #madeDirs = new Set<string>();

  constructor(options: CommitLoopOptions) {
    this.#o = options;
  }

  /** Runs `prepare` inside the loop; with `undo`, a throwing prepare is rolled back (data keys too). */
  submit<T>(prepare: (undo: Undo) => Prepared<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#enqueue({
        kind: 'prepare',
        prepare: () => this.#prepare(prepare),
        resolve: resolve as (v: unknown) => void,
        reject,
      });
    });
  }

  #prepare<T>(prepare: (undo: Undo) => Prepared<T>): Prepared<T> {
    const undo: Undo = [];
    const keyOps: Op[] = [];
    try {
      const prepared = this.#o.dataKeys.collect(keyOps, undo, () => prepare(undo));
      return keyOps.length === 0 ? prepared : { ...prepared, ops: [...keyOps, ...prepared.ops] };
    } catch (error) {
      for (let i = undo.length - 1; i >= 0; i--) (undo[i] as () => void)();
      throw error;
    }
  }

  appendAudit(audit: SerializedAudit): Promise<AuditEntry> {
    return new Promise<AuditEntry>((resolve, reject) => {
      this.#enqueue({ kind: 'audit', ...audit, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  exclusive<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#enqueue({ kind: 'exclusive', run, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  #enqueue(item: QueueItem): void {
    if (this.closed) {
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
    const { state, fs, encoder } = this.#o;
    const ops: Op[] = [];
    const at = this.#o.now().toISOString();
    const seqBefore = state.seq;
    const headBefore = state.head;
    encoder.reset(at);
    const chain = (audit: SerializedAudit): AuditEntry => {
      // The one place where seq and prevHash are assigned.
      const seq = state.seq + 1;
      const prevHash = state.head;
      const hash = encoder.add(seq, prevHash, audit.body);
      const { actor, action, target, details } = audit.input;
      state.seq = seq;
      state.head = hash;
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
        state.batchNo += 1;
        const batch: WalBatch = { b: state.batchNo, lines: lines.toString('utf8'), ops };
        const walLine = Buffer.from(`${JSON.stringify(batch)}\n`, 'utf8');
        const touched = new Set<string>();
        let readSetLines = '';
        for (const op of ops) {
          if (op.t === 'rs-put') readSetLines += `${JSON.stringify(op.doc)}\n`;
          else touched.add(touchedKey(op));
        }
        // A rewrite of the read set file already holds the batch's new read sets.
        if (touched.has('r:')) readSetLines = '';
        // The WAL line is the commit point. The new files go to fsynced temp files meanwhile
        // (invisible until renamed), so a write waits for about one fsync, not four in a row.
        const walBefore = this.walBytes;
        let staged: StagedFile[];
        try {
          [, staged] = await settleAll([
            fs.appendFile(state.walPath, walLine, { sync: true }),
            this.stageFiles(touched, state.batchNo),
          ]);
        } catch (error) {
          if (!isStorageFull(error)) throw error;
          // Disk full before the commit point: cut the WAL back, drop the temp files and read the
          // touched files back into memory — the batch never happened, and the store goes on.
          await fs.truncate(state.walPath, walBefore);
          await cleanTempFiles(fs, state.dir);
          state.batchNo -= 1;
          state.seq = seqBefore;
          state.head = headBefore;
          await undoRefusedBatch(
            { state, fs, decode: this.#o.decode, pendingReadSets: this.#readSetsPending },
            touched,
            readSetLines !== '' || touched.has('r:'),
          );
          this.#refuse(items, storageFullError(error));
          return;
        }
        this.walBytes += walLine.length;
        // Applying the batch needs no fsync of its own: the WAL holds it until the log and the
        // folders are synced, just before the WAL is cut (replay is idempotent).
        const auditBytes = this.#auditPending ? Buffer.concat([this.#auditPending, lines]) : lines;
        // A rewrite of the read set file holds the pending lines too.
        const readSetBytes = touched.has('r:') ? '' : this.#readSetsPending + readSetLines;
        const [audited, readSetsAppended, installed] = await Promise.allSettled([
          auditBytes.length > 0 ? appendOrUndo(fs, state.auditPath, auditBytes, { sync: false }) : undefined,
          readSetBytes ? appendOrUndo(fs, state.readSetPath, readSetBytes, { sync: false }) : undefined,
          this.installFiles(staged),
        ]);
        if (installed.status === 'rejected') throw installed.reason;
        for (const appended of [audited, readSetsAppended])
          if (appended.status === 'rejected' && !isStorageFull(appended.reason)) throw appended.reason;
        // Committed (the WAL holds its audit and read-set lines): lines the full disk refused are
        // appended before any later ones, and the WAL is kept until they are.
        // (A copy: the encoder reuses its buffer for the next batch.)
        this.#auditPending = audited.status === 'rejected' ? Buffer.from(auditBytes) : undefined;
        this.#readSetsPending = readSetsAppended.status === 'rejected' ? readSetBytes : '';
        if (auditBytes.length > 0 && !this.#auditPending) this.#auditDirty = true;
        if (readSetBytes && !this.#readSetsPending) this.#readSetsDirty = true;
        if (touched.has('r:')) this.#readSetsDirty = true;
        const pending = this.#auditPending !== undefined || this.#readSetsPending !== '';
        if (!pending && this.walBytes > this.#o.walLimitBytes) await this.cutWal();
      } else if (lines.length > 0) {
        // Pure audit appends are not in the WAL: their own fsync makes them durable (group commit).
        const auditBytes = this.#auditPending ? Buffer.concat([this.#auditPending, lines]) : lines;
        try {
          await appendOrUndo(fs, state.auditPath, auditBytes, { sync: true });
        } catch (error) {
          if (!isStorageFull(error)) throw error;
          // Not committed: the entries are refused, nothing is latched.
          state.seq = seqBefore;
          state.head = headBefore;
          this.#refuse(items, storageFullError(error));
          return;
        }
        this.#auditPending = undefined;
        this.#auditDirty = false;
      }
      const every = this.#o.checkpointEvery;
      if (Math.floor(seqBefore / every) !== Math.floor(state.seq / every))
        await this.writeCheckpoint().catch(ignoreStorageFull);
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

  #refuse(items: (PrepareItem | AuditItem)[], error: StoreError): void {
    for (const item of items) if (item.kind === 'audit' || item.prepared) item.reject(error);
  }

  /** Stages each touched file (see `stageTouchedFiles`). */
  stageFiles(touched: Set<string>, batch: number): Promise<StagedFile[]> {
    return stageTouchedFiles(
      { state: this.#o.state, fs: this.#o.fs, madeDirs: this.#madeDirs },
      touched,
      batch,
    );
  }

  /** Renames staged files into place (their folders are synced before the WAL is cut); notes them in the manifest. */
  async installFiles(staged: StagedFile[]): Promise<void> {
    const { state, fs } = this.#o;
    await Promise.all(
      staged.map(async ({ temp, path, entry }) => {
        await fs.rename(temp, path);
        this.#dirtyDirs.add(dirname(path));
        if (entry !== undefined) state.manifest.set(manifestKey(state.dir, path), entry);
      }),
    );
  }

  /** Writes the manifest of the files in place (durably: temp file, fsync, rename, folder fsync). */
  writeManifest(): Promise<void> {
    const { state, fs } = this.#o;
    const { importing } = state;
    return writeManifest(fs, state.dir, { batch: state.batchNo, files: state.manifest, importing });
  }

  /** Makes everything the WAL covers durable on its own (audit log, renames), then empties the WAL. */
  async cutWal(): Promise<void> {
    await this.flushApplied();
    // The manifest goes out with the cut (not per batch): from here on the WAL no longer says
    // which files later batches changed, so the manifest must (decision 240).
    try {
      await this.writeManifest();
    } catch (error) {
      // On a full disk the WAL is kept (it still covers every change since the last manifest).
      if (isStorageFull(error)) return;
      throw error;
    }
    await this.#o.fs.truncate(this.#o.state.walPath, 0);
    this.walBytes = 0;
  }

  async flushApplied(): Promise<void> {
    const dirs = [...this.#dirtyDirs];
    this.#dirtyDirs.clear();
    const audit = this.#auditDirty;
    const readSets = this.#readSetsDirty;
    this.#auditDirty = false;
    this.#readSetsDirty = false;
    await Promise.all([
      audit ? this.#o.fs.appendFile(this.#o.state.auditPath, Buffer.alloc(0), { sync: true }) : undefined,
      readSets
        ? this.#o.fs.appendFile(this.#o.state.readSetPath, Buffer.alloc(0), { sync: true })
        : undefined,
      ...dirs.map((dir) => this.#o.fs.syncDir(dir)),
    ]);
  }

  async writeCheckpoint(): Promise<AuditCheckpoint> {
    const { state, keys } = this.#o;
    const cp = signCheckpoint(
      state.seq,
      state.head,
      this.#o.now().toISOString(),
      keys.signingKey,
      keys.publicKeyPem,
    );
    // Not fsynced on its own: a lost checkpoint is re-made later, and a torn last line is skipped.
    await appendOrUndo(this.#o.fs, state.checkpointPath, `${JSON.stringify(cp)}\n`, { sync: false }).catch(
      (error: unknown) => {
        throw isStorageFull(error) ? storageFullError(error) : error;
      },
    );
    return cp;
  }
}
