import { join } from 'node:path';
import type { FileSystem } from '../fs/fileSystem.js';
import { StoreError } from '../store.js';
import { parseJsonFile } from './durableJsonAdapter.js';

/**
 * Collections kept in shard files (`collections/<name>/NNN.json`, by a hash of the document id)
 * instead of one file: a write rewrites one shard, so its cost does not grow with the number
 * of documents. Sessions: one is written on every login and on use.
 */
export const SHARDED_COLLECTIONS: ReadonlySet<string> = new Set(['sessions']);
/** Shards per sharded collection (fixed: a document's shard is a pure function of its id). */
const COLLECTION_SHARDS = 64;

interface Doc {
  id: string;
}

/** FNV-1a over the id's UTF-16 units: the shard of a document. */
function shardOfId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % COLLECTION_SHARDS;
}

/**
 * The documents of a sharded collection, also grouped by shard (so a shard is written without a
 * scan). Always built empty: Map's constructor would call `set` before the buckets exist.
 */
class ShardedDocs<T extends Doc = Doc> extends Map<string, T> {
  readonly #buckets = new Map<number, Map<string, T>>();

  override set(id: string, doc: T): this {
    super.set(id, doc);
    const no = shardOfId(id);
    let bucket = this.#buckets.get(no);
    if (bucket === undefined) {
      bucket = new Map();
      this.#buckets.set(no, bucket);
    }
    bucket.set(id, doc);
    return this;
  }

  override delete(id: string): boolean {
    this.#buckets.get(shardOfId(id))?.delete(id);
    return super.delete(id);
  }

  override clear(): void {
    this.#buckets.clear();
    super.clear();
  }

  /** The documents of one shard. */
  shard(no: number): T[] {
    return [...(this.#buckets.get(no)?.values() ?? [])];
  }
}

/** The file key of a document's file in the commit loop's `touched` set (`c:<name>` or `c:<name>/<shard>`). */
export function docFileKey(collection: string, id: string): string {
  return SHARDED_COLLECTIONS.has(collection) ? `c:${collection}/${shardOfId(id)}` : `c:${collection}`;
}

/** Every file key of a collection (a sharded one: its legacy file, written empty, and each shard). */
export function collectionFileKeys(collection: string): string[] {
  if (!SHARDED_COLLECTIONS.has(collection)) return [`c:${collection}`];
  return [
    `c:${collection}`,
    ...Array.from({ length: COLLECTION_SHARDS }, (_, no) => `c:${collection}/${no}`),
  ];
}

/** A collection's document map, sharded where the collection is. */
export function docsMapOf<T extends Doc>(collection: string, docs: readonly T[]): Map<string, T> {
  const map = SHARDED_COLLECTIONS.has(collection) ? new ShardedDocs<T>() : new Map<string, T>();
  for (const doc of docs) map.set(doc.id, doc);
  return map;
}

/** The path and documents of a collection file named by the part of its key after `c:`. */
export function collectionFileOf(
  dataDir: string,
  name: string,
  docs: ReadonlyMap<string, Map<string, Doc>>,
): { path: string; docs: Doc[] } {
  const [collection = name, shard] = name.split('/');
  if (shard === undefined) {
    const path = join(dataDir, 'collections', `${name}.json`);
    // The legacy single file of a sharded collection is read by nothing: it is kept empty.
    return { path, docs: SHARDED_COLLECTIONS.has(name) ? [] : [...(docs.get(name)?.values() ?? [])] };
  }
  const no = Number(shard);
  const all = docs.get(collection);
  return {
    path: shardPath(dataDir, collection, no),
    docs:
      all instanceof ShardedDocs
        ? all.shard(no)
        : [...(all?.values() ?? [])].filter((d) => shardOfId(d.id) === no),
  };
}

/** Removes one shard's documents from a collection's map (sharded or, after a restore, plain). */
export function deleteShardDocs(docs: Map<string, Doc>, no: number): void {
  const inShard =
    docs instanceof ShardedDocs ? docs.shard(no) : [...docs.values()].filter((d) => shardOfId(d.id) === no);
  for (const doc of inShard) docs.delete(doc.id);
}

function shardPath(dataDir: string, collection: string, no: number): string {
  return join(dataDir, 'collections', collection, `${String(no).padStart(3, '0')}.json`);
}

/**
 * Replaces each sharded collection's documents (read from its legacy single file by the
 * caller) by those of its shard files, creating the shard folder. Documents of the legacy
 * file are dropped: for sessions that means signing in again once, after an upgrade. Sets the
 * collection's applied batch to the lowest of its shards (replaying a batch a shard already
 * has is harmless: it sets the same documents again, in order) and returns the highest.
 */
export async function loadShardedCollections(
  fs: FileSystem,
  dataDir: string,
  docs: Map<string, Map<string, Doc>>,
  applied: Map<string, number>,
  onFile?: (path: string, bytes: Buffer, file: { appliedBatch: number; docs: Doc[] }) => void,
): Promise<number> {
  let highest = 0;
  for (const collection of SHARDED_COLLECTIONS) {
    const folder = join(dataDir, 'collections', collection);
    await fs.mkdir(folder);
    const sharded = new ShardedDocs();
    let lowest = Number.POSITIVE_INFINITY;
    for (let no = 0; no < COLLECTION_SHARDS; no++) {
      const path = shardPath(dataDir, collection, no);
      const bytes = await fs.readFile(path);
      if (bytes === undefined) {
        lowest = 0;
        continue;
      }
      const file = parseJsonFile<{ appliedBatch: number; docs: Doc[] }>(path, bytes);
      if (!Array.isArray(file.docs))
        throw new StoreError('CORRUPT', `Data file ${path} has no document list.`);
      onFile?.(path, bytes, file);
      for (const doc of file.docs) sharded.set(doc.id, doc);
      lowest = Math.min(lowest, file.appliedBatch);
      highest = Math.max(highest, file.appliedBatch);
    }
    docs.set(collection, sharded);
    applied.set(collection, lowest === Number.POSITIVE_INFINITY ? 0 : lowest);
  }
  return highest;
}
