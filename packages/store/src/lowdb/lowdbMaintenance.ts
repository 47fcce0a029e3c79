import { GENESIS_HASH } from '../audit/auditChain.js';
import { addMasterKey, dropOldMasterKeys } from '../keys/loadKeys.js';
import { type JobDoc, StoreError } from '../store.js';
import { parseJsonFile, writeJsonDurably } from './durableJsonAdapter.js';
import type { LowdbCore } from './lowdbCore.js';
import {
  ALL_COLLECTIONS,
  type AnyDoc,
  type BackupFile,
  type DataKeyDoc,
  type NoteDoc,
  type Op,
  type ShardFile,
} from './lowdbTypes.js';
import { reencodeShard } from './lowdbWrites.js';
import { ReadSetLog } from './readSetLog.js';
import { decodeTemplate, setHeadFromTail } from './recoverLowdb.js';
import { collectionFileKeys, docsMapOf } from './shardedDocs.js';

/** Re-encrypts every encrypted value under new keys; resumes an interrupted rotation. */
export async function rotateKeys(core: LowdbCore): Promise<{ reencrypted: number }> {
  const jobId = 'rotate-keys';
  let job = core.state.collection('jobs').get(jobId) as JobDoc | undefined;
  if (job === undefined || job.status !== 'running') {
    addMasterKey(core.keys);
    const now = core.now().toISOString();
    job = {
      id: jobId,
      kind: 'rotate-keys',
      status: 'running',
      startedAt: now,
      updatedAt: now,
      progress: { shardsDone: [], notesDone: false },
    };
    const started = job;
    await core.loop.submit(() => {
      const ops: Op[] = [];
      const gen = core.dataKeys.generation() + 1;
      const scopes = new Set(
        [...(core.state.docs.get('dataKeys')?.values() ?? [])].map((d) => (d as DataKeyDoc).scope),
      );
      for (const scope of scopes) core.dataKeys.newKey(scope, gen);
      core.state.collection('jobs').set(jobId, started);
      ops.push({ t: 'doc-put', coll: 'jobs', doc: started });
      return { ops, result: () => undefined };
    });
  }
  let reencrypted = 0;
  let steps = 0;
  for (const state of [...core.state.templates.values()]) {
    for (const shard of state.shards) {
      if (shard === undefined) continue;
      const key = `${state.id}\n${shard.no}`;
      const done = (core.state.collection('jobs').get(jobId) as JobDoc).progress.shardsDone as string[];
      if (done.includes(key)) continue;
      await core.loop.submit(() => {
        const ops: Op[] = [];
        ops.push(reencodeShard(core, state, shard));
        reencrypted += shard.stored.size + shard.versions.length;
        const current = core.state.collection('jobs').get(jobId) as JobDoc;
        const next: JobDoc = {
          ...current,
          updatedAt: core.now().toISOString(),
          progress: {
            ...current.progress,
            shardsDone: [...(current.progress.shardsDone as string[]), key],
          },
        };
        core.state.collection('jobs').set(jobId, next);
        ops.push({ t: 'doc-put', coll: 'jobs', doc: next });
        return { ops, result: () => undefined };
      });
      steps += 1;
      core.onRotationStep?.(steps);
    }
  }
  await core.loop.submit(() => {
    const ops: Op[] = [];
    const notes = core.state.collection('notes');
    for (const doc of [...notes.values()] as NoteDoc[]) {
      const text = core.codec.open(doc.env, `note\n${doc.id}`, core.state.collectionPath('notes'));
      const next: NoteDoc = { id: doc.id, env: core.codec.seal('notes', `note\n${doc.id}`, text) };
      notes.set(doc.id, next);
      ops.push({ t: 'doc-put', coll: 'notes', doc: next });
      reencrypted += 1;
    }
    // Retire the data keys of older generations: nothing refers to them any more.
    const gen = core.dataKeys.generation();
    const dataKeys = core.state.collection('dataKeys');
    for (const doc of [...dataKeys.values()] as DataKeyDoc[]) {
      if (doc.gen < gen) {
        dataKeys.delete(doc.id);
        core.dataKeys.forget(doc.id);
        ops.push({ t: 'doc-del', coll: 'dataKeys', id: doc.id });
      }
    }
    const current = core.state.collection('jobs').get(jobId) as JobDoc;
    const finished: JobDoc = { ...current, status: 'done', updatedAt: core.now().toISOString() };
    core.state.collection('jobs').set(jobId, finished);
    ops.push({ t: 'doc-put', coll: 'jobs', doc: finished });
    return { ops, result: () => undefined };
  });
  dropOldMasterKeys(core.keys);
  return { reencrypted };
}

/** Writes a backup (no key inside; encrypted values stay encrypted). */
export function exportBackup(core: LowdbCore, path: string): Promise<void> {
  return core.loop.exclusive(async () => {
    const collections: Record<string, AnyDoc[]> = {};
    for (const [name, docs] of core.state.docs) collections[name] = [...docs.values()];
    const shards: ShardFile[] = [];
    for (const state of core.state.templates.values()) {
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
      createdAt: core.now().toISOString(),
      collections,
      shards,
      audit: ((await core.fs.readFile(core.state.auditPath)) ?? Buffer.alloc(0)).toString('utf8'),
      checkpoints: ((await core.fs.readFile(core.state.checkpointPath)) ?? Buffer.alloc(0)).toString('utf8'),
      readSets: ReadSetLog.lines(core.state.readSets.all()),
    };
    await writeJsonDurably(core.fs, path, JSON.stringify(backup));
  });
}

/** Replaces the store's contents with a backup made by `exportBackup`. */
export function importBackup(core: LowdbCore, path: string): Promise<void> {
  return core.loop.exclusive(async () => {
    const bytes = await core.fs.readFile(path);
    if (bytes === undefined) throw new StoreError('NOT_FOUND', `No backup at ${path}.`);
    const backup = parseJsonFile<BackupFile>(path, bytes);
    if (backup.format !== 'veil-backup') throw new StoreError('INVALID', `${path} is not a Veil backup.`);
    // Check every data key unwraps before anything is replaced.
    const previousKeys = core.dataKeys.reset();
    try {
      for (const doc of backup.collections.dataKeys ?? []) core.dataKeys.unwrap(doc as DataKeyDoc);
    } catch (error) {
      core.dataKeys.restore(previousKeys);
      throw error;
    }
    const batch = core.state.batchNo + 1;
    core.state.batchNo = batch;
    await core.loop.flushApplied();
    // Until the import is done the files match no manifest: the open then checks nothing.
    core.state.importing = true;
    await core.loop.writeManifest();
    await core.fs.truncate(core.state.walPath, 0).catch(() => undefined);
    core.loop.walBytes = 0;
    for (const name of ALL_COLLECTIONS) {
      core.state.docs.set(name, docsMapOf(name, backup.collections[name] ?? []));
    }
    const oldShards = [...core.state.templates.values()].flatMap((s) =>
      s.shards.filter(Boolean).map((sh) => [s.id, sh.no] as const),
    );
    core.state.templates.clear();
    for (const file of backup.shards) {
      const state = core.state.templateState(file.templateId);
      state.shards[file.shard] = {
        no: file.shard,
        appliedBatch: batch,
        stored: new Map(file.records.map((r) => [r.id, r])),
        versions: file.versions,
      };
    }
    core.state.readSets.load(Buffer.from(backup.readSets ?? '', 'utf8'), path);
    const touched = new Set<string>([...ALL_COLLECTIONS.flatMap(collectionFileKeys), 'r:']);
    for (const state of core.state.templates.values())
      for (const shard of state.shards) if (shard) touched.add(`s:${state.id}:${shard.no}`);
    for (const [tpl, no] of oldShards)
      if (!touched.has(`s:${tpl}:${no}`)) await core.fs.unlink(core.state.shardPath(tpl, no));
    core.state.manifest.clear();
    await core.loop.installFiles(await core.loop.stageFiles(touched, batch));
    await core.loop.flushApplied();
    core.state.importing = false;
    await core.loop.writeManifest();
    const auditTemp = `${core.state.auditPath}.import`;
    await core.fs.writeFile(auditTemp, backup.audit, { sync: true });
    await core.fs.rename(auditTemp, core.state.auditPath);
    const cpTemp = `${core.state.checkpointPath}.import`;
    await core.fs.writeFile(cpTemp, backup.checkpoints, { sync: true });
    await core.fs.rename(cpTemp, core.state.checkpointPath);
    await core.fs.syncDir(core.state.path('audit'));
    core.state.seq = 0;
    core.state.head = GENESIS_HASH;
    setHeadFromTail(core, Buffer.from(backup.audit, 'utf8'));
    for (const state of core.state.templates.values()) decodeTemplate(core, state);
    core.state.allDocsChanged();
  });
}
