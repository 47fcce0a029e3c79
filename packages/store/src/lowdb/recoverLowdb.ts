import { join } from 'node:path';
import { Low } from 'lowdb';
import { parseAuditLine } from '../audit/auditChain.js';
import { StoreError } from '../store.js';
import { cleanTempFiles } from './cleanTempFiles.js';
import { touchedKey } from './commitLoop.js';
import { readDataFormat, writeDataFormat } from './dataFormat.js';
import {
  checkManifest,
  FORMAT_VERSION,
  hashBytes,
  MANIFEST_FILE,
  type ManifestEntry,
  manifestKey,
  readManifest,
  type WalCoverage,
} from './dataManifest.js';
import { DurableJsonAdapter, parseJsonFile } from './durableJsonAdapter.js';
import { ensureCollectionFiles } from './ensureCollectionFiles.js';
import type { DataFolderState } from './inspectDataFolder.js';
import type { LowdbCore } from './lowdbCore.js';
import {
  ALL_COLLECTIONS,
  type CollectionFile,
  type DataKeyDoc,
  type Op,
  type Shard,
  type ShardFile,
  type TemplateState,
  type WalBatch,
} from './lowdbTypes.js';
import { collectionFileOf, docFileKey, loadShardedCollections } from './shardedDocs.js';

/** Opens the data folder: loads collections and shards, cuts a torn audit tail, replays the WAL. */
export async function recoverLowdb(core: LowdbCore, dataFolder: DataFolderState): Promise<void> {
  const fs = core.fs;
  for (const folder of ['', 'collections', 'records', 'audit']) await fs.mkdir(core.state.path(folder));
  await cleanTempFiles(fs, core.state.dir);
  // Append-only files must exist durably before the first append (a new entry needs a folder fsync).
  for (const path of [
    core.state.auditPath,
    core.state.checkpointPath,
    core.state.walPath,
    core.state.readSetPath,
  ]) {
    if ((await fs.size(path)) === undefined) {
      await fs.appendFile(path, '', { sync: true });
      await fs.syncDir(join(path, '..'));
    }
  }
  const format = await readDataFormat(fs, core.state.path('meta.json'));
  core.recovery.formatFound = format;

  await ensureCollectionFiles(fs, core.state.dir, ALL_COLLECTIONS, dataFolder);
  // Every data file as found, for the manifest check (hashed over the bytes read anyway).
  const found = new Map<string, ManifestEntry>();
  const note = (path: string, bytes: Buffer, appliedBatch: number, count: number) =>
    found.set(manifestKey(core.state.dir, path), { appliedBatch, hash: hashBytes(bytes), count });
  for (const name of ALL_COLLECTIONS) {
    const path = core.state.collectionPath(name);
    const db = new Low<CollectionFile>(
      new DurableJsonAdapter<CollectionFile>(fs, path, (bytes, file) =>
        note(path, bytes, file.appliedBatch, Array.isArray(file.docs) ? file.docs.length : 0),
      ),
      { appliedBatch: 0, docs: [] },
    );
    await db.read();
    if (!Array.isArray(db.data.docs))
      throw new StoreError('CORRUPT', `Data file ${path} has no document list.`);
    core.state.docs.set(name, new Map(db.data.docs.map((doc) => [doc.id, doc])));
    core.state.collectionApplied.set(name, db.data.appliedBatch);
    core.state.batchNo = Math.max(core.state.batchNo, db.data.appliedBatch);
  }
  const shardedBatch = await loadShardedCollections(
    fs,
    core.state.dir,
    core.state.docs,
    core.state.collectionApplied,
    (path, bytes, file) => note(path, bytes, file.appliedBatch, file.docs.length),
  );
  core.state.batchNo = Math.max(core.state.batchNo, shardedBatch);
  for (const dir of await fs.readdir(core.state.path('records'))) {
    for (const file of (await fs.readdir(core.state.path('records', dir)))
      .filter((f) => /^\d+\.json$/.test(f))
      .sort()) {
      const path = core.state.path('records', dir, file);
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
      note(path, bytes, data.appliedBatch, data.records.length);
      const state = core.state.templateState(data.templateId);
      const shard: Shard = {
        no: data.shard,
        appliedBatch: data.appliedBatch,
        stored: new Map(),
        versions: data.versions,
      };
      for (const record of data.records) shard.stored.set(record.id, record);
      state.shards[data.shard] = shard;
      core.state.batchNo = Math.max(core.state.batchNo, data.appliedBatch);
    }
  }
  for (const key of core.state.docs.get('dataKeys')?.values() ?? []) core.dataKeys.unwrap(key as DataKeyDoc);

  // The audit log: a torn last line was never acknowledged (its fsync had not returned).
  const auditBytes = (await fs.readFile(core.state.auditPath)) ?? Buffer.alloc(0);
  const lastNewline = auditBytes.lastIndexOf(0x0a);
  const complete = lastNewline + 1;
  if (complete < auditBytes.length) {
    core.recovery.tornAuditBytes = auditBytes.length - complete;
    await fs.truncate(core.state.auditPath, complete);
  }
  setHeadFromTail(core, auditBytes.subarray(0, complete));
  core.state.readSets.load(await fs.readFile(core.state.readSetPath), core.state.readSetPath);
  const batches = await readWal(core);
  const manifest = await readManifest(fs, core.state.dir);
  core.state.importing = manifest?.importing === true;
  if (manifest !== undefined && !manifest.importing) {
    const coverage = walCoverage(core, batches);
    core.recovery.rebuiltFiles = checkManifest({
      dataDir: core.state.dir,
      manifest,
      found,
      wal: coverage,
    }).rebuilt;
  } else if (manifest === undefined && format >= 2 && dataFolder.dataEvidence !== undefined) {
    throw new StoreError(
      'CORRUPT',
      `Data file ${join(core.state.dir, MANIFEST_FILE)} is missing, though the data folder holds data ` +
        `(${dataFolder.dataEvidence}): the shards cannot be vouched for. Restore it from a backup.`,
    );
  }
  for (const [key, entry] of found) core.state.manifest.set(key, entry);
  await replayWal(core, batches);
  for (const state of core.state.templates.values()) decodeTemplate(core, state);
  // Format 1 → 2: the manifest now exists (written by the replay's cut); nothing else changed.
  if (format < FORMAT_VERSION) await writeDataFormat(fs, core.state.path('meta.json'));
}

export function setHeadFromTail(core: LowdbCore, bytes: Buffer): void {
  if (bytes.length === 0) return;
  const end = bytes.length - 1;
  const start = bytes.lastIndexOf(0x0a, end - 1) + 1;
  const line = bytes.toString('utf8', start, end);
  // Read textually so an edited entry does not stop the store from opening (verify reports it).
  const seq = /^\{"seq":(\d+),/.exec(line)?.[1];
  const hash = line.slice(line.lastIndexOf('\t') + 1);
  if (seq === undefined || !/^[0-9a-f]{64}$/.test(hash)) {
    throw new StoreError(
      'CORRUPT',
      `The last line of ${core.state.auditPath} is damaged; run an audit verify.`,
    );
  }
  core.state.seq = Number(seq);
  core.state.head = hash;
}

/** The WAL's complete batches (a torn last line was never acknowledged and is dropped). */
async function readWal(core: LowdbCore): Promise<WalBatch[]> {
  const bytes = await core.fs.readFile(core.state.walPath);
  if (bytes === undefined || bytes.length === 0) return [];
  const lines = bytes.toString('utf8').split('\n');
  const tail = lines.pop() ?? '';
  core.recovery.tornWalBytes = Buffer.byteLength(tail);
  return lines.map((line, index) => {
    try {
      return JSON.parse(line) as WalBatch;
    } catch {
      throw new StoreError('CORRUPT', `Data file ${core.state.walPath} is damaged at batch ${index + 1}.`);
    }
  });
}

/** Which data files the WAL's batches change, and which of them it holds whole from their first op. */
function walCoverage(core: LowdbCore, batches: WalBatch[]): WalCoverage {
  const coverage: WalCoverage = { touched: new Set(), whole: new Set() };
  for (const batch of batches) {
    for (const op of batch.ops) {
      const key = touchedKey(op);
      if (key === 'r:') continue;
      const path = key.startsWith('c:')
        ? collectionFileOf(core.state.dir, key.slice(2), core.state.docs).path
        : core.state.shardPath((op as { tpl: string }).tpl, (op as { shard: number }).shard);
      const rel = manifestKey(core.state.dir, path);
      if (coverage.touched.has(rel)) continue;
      coverage.touched.add(rel);
      if (op.t === 'shard-set') coverage.whole.add(rel);
    }
  }
  return coverage;
}

async function replayWal(core: LowdbCore, batches: WalBatch[]): Promise<void> {
  const touched = new Set<string>();
  let newAudit = '';
  for (const batch of batches) {
    core.state.batchNo = Math.max(core.state.batchNo, batch.b);
    // Audit lines of the batch that did not reach the log are appended now.
    for (const auditLine of batch.lines.split('\n').filter(Boolean)) {
      const entry = parseAuditLine(auditLine);
      if (entry.seq <= core.state.seq) continue;
      if (entry.seq !== core.state.seq + 1 || entry.prevHash !== core.state.head) {
        throw new StoreError(
          'CORRUPT',
          `${core.state.walPath} does not continue the audit log at entry ${entry.seq}.`,
        );
      }
      newAudit += `${auditLine}\n`;
      core.state.seq = entry.seq;
      core.state.head = entry.hash;
    }
    let applied = false;
    for (const op of batch.ops) applied = applyOp(core, op, batch.b, touched) || applied;
    if (applied) core.recovery.replayedBatches += 1;
  }
  if (newAudit) await core.fs.appendFile(core.state.auditPath, newAudit, { sync: true });
  await core.loop.installFiles(await core.loop.stageFiles(touched, core.state.batchNo));
  // Also with nothing replayed: the cut writes the manifest of the files as they are now.
  await core.loop.cutWal();
}

/** Applies a replayed op when its file has not seen the batch. Returns whether it did. */
function applyOp(core: LowdbCore, op: Op, batch: number, touched: Set<string>): boolean {
  if (op.t === 'rs-put' || op.t === 'rs-set') {
    // Idempotent: the file is rewritten from memory after the replay.
    if (op.t === 'rs-put') {
      if (core.state.readSets.has(op.doc.id)) return false;
      core.state.readSets.add(op.doc);
    } else core.state.readSets.replaceAll(op.docs);
    touched.add('r:');
    return true;
  }
  if (op.t === 'doc-put' || op.t === 'doc-del') {
    if ((core.state.collectionApplied.get(op.coll) ?? 0) >= batch) return false;
    const docs = core.state.docs.get(op.coll);
    if (docs === undefined) return false;
    if (op.t === 'doc-put') docs.set(op.doc.id, op.doc);
    else docs.delete(op.id);
    touched.add(docFileKey(op.coll, op.t === 'doc-put' ? op.doc.id : op.id));
    return true;
  }
  const state = core.state.templateState(op.tpl);
  const shard = core.state.shard(state, op.shard);
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

/** Decodes a template's stored records into the plaintext rows queries run on. */
export function decodeTemplate(core: LowdbCore, state: TemplateState): void {
  state.plain.clear();
  state.shardOf.clear();
  for (const shard of state.shards) {
    if (shard === undefined) continue;
    for (const stored of shard.stored.values()) {
      state.shardOf.set(stored.id, shard.no);
      state.plain.set(stored.id, core.codec.decode(stored));
    }
  }
}
