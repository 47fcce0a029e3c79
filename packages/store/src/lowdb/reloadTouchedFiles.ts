import type { FileSystem } from '../fs/fileSystem.js';
import { parseJsonFile } from './durableJsonAdapter.js';
import { collectionFileOf, deleteShardDocs } from './shardedDocs.js';

interface Doc {
  id: string;
}
/** The parts of the store's record state a reload touches (structural: the store owns the types). */
interface ShardState<R extends Doc, V> {
  no: number;
  appliedBatch: number;
  stored: Map<string, R>;
  versions: V[];
}
interface TemplateStateLike<R extends Doc, V, Row> {
  id: string;
  shards: (ShardState<R, V> | undefined)[];
  shardOf: Map<string, number>;
  plain: Map<string, Row>;
}

/** What `reloadTouchedFiles` needs of the store. */
export interface ReloadContext<R extends Doc, V, Row> {
  fs: FileSystem;
  dataDir: string;
  docs: Map<string, Map<string, Doc>>;
  collectionApplied: Map<string, number>;
  templateState(templateId: string): TemplateStateLike<R, V, Row>;
  shardPath(templateId: string, no: number): string;
  /** The decrypted query row of a stored record. */
  toRow(stored: R): Row;
}

/**
 * Reads the files of a batch's touched keys (`c:<collection>[/<shard>]`, `s:<template>:<no>`)
 * back into memory. Files are installed before the next batch starts, so after a batch that was
 * not committed they hold exactly the state before it: this undoes the batch's changes in memory.
 */
export async function reloadTouchedFiles<R extends Doc, V, Row>(
  ctx: ReloadContext<R, V, Row>,
  touched: Iterable<string>,
): Promise<void> {
  for (const key of touched) {
    if (key.startsWith('c:')) {
      const name = key.slice(2);
      const [collection = name, shard] = name.split('/');
      const { path } = collectionFileOf(ctx.dataDir, name, ctx.docs);
      const bytes = await ctx.fs.readFile(path);
      const file = bytes
        ? parseJsonFile<{ appliedBatch: number; docs: Doc[] }>(path, bytes)
        : { appliedBatch: 0, docs: [] };
      const docs = ctx.docs.get(collection);
      if (docs === undefined) continue;
      if (shard === undefined) {
        docs.clear();
        ctx.collectionApplied.set(collection, file.appliedBatch);
      } else deleteShardDocs(docs, Number(shard));
      for (const doc of file.docs) docs.set(doc.id, doc);
      continue;
    }
    const [, tpl, no] = /^s:(.*):(\d+)$/s.exec(key) as RegExpExecArray;
    const state = ctx.templateState(tpl as string);
    const path = ctx.shardPath(state.id, Number(no));
    const bytes = await ctx.fs.readFile(path);
    for (const id of state.shards[Number(no)]?.stored.keys() ?? []) {
      state.plain.delete(id);
      state.shardOf.delete(id);
    }
    if (bytes === undefined) {
      state.shards[Number(no)] = undefined;
      while (state.shards.length > 0 && state.shards[state.shards.length - 1] === undefined)
        state.shards.pop();
      continue;
    }
    const data = parseJsonFile<{ shard: number; appliedBatch: number; records: R[]; versions: V[] }>(
      path,
      bytes,
    );
    const shard: ShardState<R, V> = {
      no: data.shard,
      appliedBatch: data.appliedBatch,
      stored: new Map(),
      versions: data.versions,
    };
    for (const stored of data.records) {
      shard.stored.set(stored.id, stored);
      state.shardOf.set(stored.id, shard.no);
      state.plain.set(stored.id, ctx.toRow(stored));
    }
    state.shards[shard.no] = shard;
  }
}
