import type { FileSystem } from '../fs/fileSystem.js';
import { hashBytes, type ManifestEntry } from './dataManifest.js';
import { stageJson } from './durableJsonAdapter.js';
import type { LowdbState } from './lowdbState.js';
import { type CollectionFile, dirNameOf, type ShardFile } from './lowdbTypes.js';
import { ReadSetLog } from './readSetLog.js';
import { collectionFileOf } from './shardedDocs.js';

/** A file written to a temp file beside its path, to be renamed into place. */
export interface StagedFile {
  temp: string;
  path: string;
  /** Its manifest entry (collection files and record shards), hashed over the bytes written. */
  entry: ManifestEntry | undefined;
}

/**
 * Writes each touched file's new content (`c:<collection>[/<shard>]`, `s:<template>:<no>`, `r:`)
 * to a fsynced temp file and returns what the commit loop renames into place. The hash of the
 * manifest entry is taken over the very bytes written, so a write hashes only the files it writes.
 */
export function stageTouchedFiles(
  ctx: { state: LowdbState; fs: FileSystem; madeDirs: Set<string> },
  touched: Set<string>,
  batch: number,
): Promise<StagedFile[]> {
  const { state, fs, madeDirs } = ctx;
  const staged = async (path: string, text: string, count?: number): Promise<StagedFile> => {
    const bytes = Buffer.from(text, 'utf8');
    const entry = count === undefined ? undefined : { appliedBatch: batch, hash: hashBytes(bytes), count };
    return { temp: await stageJson(fs, path, bytes), path, entry };
  };
  return Promise.all(
    [...touched].map(async (key): Promise<StagedFile> => {
      if (key === 'r:') return staged(state.readSetPath, ReadSetLog.lines(state.readSets.all()));
      if (key.startsWith('c:')) {
        const name = key.slice(2);
        state.collectionApplied.set(name, batch);
        const { path, docs } = collectionFileOf(state.dir, name, state.docs);
        const file: CollectionFile = { appliedBatch: batch, docs };
        return staged(path, JSON.stringify(file), docs.length);
      }
      const [, tpl, no] = /^s:(.*):(\d+)$/s.exec(key) as RegExpExecArray;
      const template = state.templateState(tpl as string);
      const shard = state.shard(template, Number(no));
      shard.appliedBatch = batch;
      const file: ShardFile = {
        templateId: template.id,
        shard: shard.no,
        appliedBatch: batch,
        records: [...shard.stored.values()],
        versions: shard.versions,
      };
      const folder = state.path('records', dirNameOf(template.id));
      if (!madeDirs.has(folder)) {
        await fs.mkdir(folder);
        madeDirs.add(folder);
      }
      return staged(state.shardPath(template.id, shard.no), JSON.stringify(file), file.records.length);
    }),
  );
}
