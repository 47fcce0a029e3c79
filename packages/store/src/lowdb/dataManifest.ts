import { hash } from 'node:crypto';
import { join, relative } from 'node:path';
import type { FileSystem } from '../fs/fileSystem.js';
import { StoreError } from '../store.js';
import { parseJsonFile, stageJson } from './durableJsonAdapter.js';

/** The data folder's format (`meta.json`): 1 had no manifest; 2 has one. */
export const FORMAT_VERSION = 2;
export const MANIFEST_FILE = 'manifest.json';

/** What the manifest knows of one data file (a collection file or a record shard). */
export interface ManifestEntry {
  /** The last batch written into the file. */
  appliedBatch: number;
  /** SHA-256 of the file's bytes, hex. */
  hash: string;
  /** Records (a shard) or documents (a collection file) it holds. */
  count: number;
}

/**
 * `manifest.json`: every collection file and record shard with its applied batch, count and hash,
 * as of the last time the WAL was cut (decision 240). Written with temp file → fsync → rename.
 */
export interface ManifestFile {
  format: 'veil-lowdb';
  version: number;
  /** The store's batch number when it was written; the WAL holds every later batch. */
  batch: number;
  /** Set while a backup import rewrites everything: the files are then checked by nothing. */
  importing?: true;
  /** By path relative to the data folder, `/`-separated. */
  files: Record<string, ManifestEntry>;
}

export function hashBytes(data: Buffer | string): string {
  return hash('sha256', data, 'hex');
}

/** A data file's manifest key: its path relative to the data folder, with `/`. */
export function manifestKey(dataDir: string, path: string): string {
  return relative(dataDir, path).split('\\').join('/');
}

export async function readManifest(fs: FileSystem, dataDir: string): Promise<ManifestFile | undefined> {
  const path = join(dataDir, MANIFEST_FILE);
  const bytes = await fs.readFile(path);
  if (bytes === undefined) return undefined;
  const file = parseJsonFile<ManifestFile>(path, bytes);
  if (file.format !== 'veil-lowdb' || typeof file.files !== 'object' || file.files === null)
    throw new StoreError('CORRUPT', `Data file ${path} is not a Veil manifest.`);
  return file;
}

export async function writeManifest(
  fs: FileSystem,
  dataDir: string,
  content: { batch: number; files: Map<string, ManifestEntry>; importing?: boolean },
): Promise<void> {
  const file: ManifestFile = {
    format: 'veil-lowdb',
    version: FORMAT_VERSION,
    batch: content.batch,
    ...(content.importing ? { importing: true as const } : {}),
    files: Object.fromEntries([...content.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
  const path = join(dataDir, MANIFEST_FILE);
  const temp = await stageJson(fs, path, JSON.stringify(file)).catch(async (error: unknown) => {
    // A full disk leaves a partial temp file: remove it (the caller keeps the WAL instead).
    await cleanStagedFor(fs, dataDir);
    throw error;
  });
  await fs.rename(temp, path);
  await fs.syncDir(dataDir);
}

async function cleanStagedFor(fs: FileSystem, dataDir: string): Promise<void> {
  for (const name of await fs.readdir(dataDir))
    if (name.startsWith(`.${MANIFEST_FILE}.`) && name.endsWith('.tmp')) await fs.unlink(join(dataDir, name));
}

/** What the open found of one data file, and whether the WAL holds it whole from its first op. */
export interface WalCoverage {
  /** Manifest keys of the files the WAL's batches change. */
  touched: Set<string>;
  /** Of those, the files whose first op in the WAL replaces the whole file (`shard-set`). */
  whole: Set<string>;
}

/**
 * Compares the data files found at open with the manifest. A file the manifest lists must be
 * there with the same bytes, unless a batch the WAL still holds rewrote it (then the record
 * MACs vouch for its content) — or, when it is missing, unless the WAL holds it whole (it is
 * rebuilt, and the returned list says so). A file that neither lists is foreign. Anything else
 * stops the open with `CORRUPT`, naming the file: nothing is served that the store cannot vouch for.
 */
export function checkManifest(options: {
  dataDir: string;
  manifest: ManifestFile;
  found: ReadonlyMap<string, ManifestEntry>;
  wal: WalCoverage;
}): { rebuilt: string[] } {
  const { dataDir, manifest, found, wal } = options;
  const rebuilt: string[] = [];
  const where = (key: string) => join(dataDir, ...key.split('/'));
  const restore = 'restore it from a backup; nothing was changed or served';
  for (const [key, listed] of Object.entries(manifest.files)) {
    const file = found.get(key);
    if (file === undefined) {
      if (wal.whole.has(key)) {
        rebuilt.push(where(key));
        continue;
      }
      throw new StoreError(
        'CORRUPT',
        `Data file ${where(key)} is missing: the manifest lists it with ${listed.count} ` +
          `${key.startsWith('records/') ? 'records' : 'documents'}, and the WAL cannot rebuild it. ` +
          `Put the file back or ${restore}.`,
      );
    }
    if (file.hash === listed.hash) continue;
    if (wal.touched.has(key) && file.appliedBatch > listed.appliedBatch) continue;
    throw new StoreError(
      'CORRUPT',
      `Data file ${where(key)} has changed since the manifest was written ` +
        `(it held ${listed.count} at batch ${listed.appliedBatch}; now ${file.count} at batch ${file.appliedBatch}). ` +
        `Put the original back or ${restore}.`,
    );
  }
  for (const key of found.keys()) {
    if (key in manifest.files || wal.touched.has(key)) continue;
    throw new StoreError(
      'CORRUPT',
      `Data file ${where(key)} is not in the manifest and no logged batch wrote it. ` +
        'Remove it if it does not belong to this data folder, or restore the folder from a backup.',
    );
  }
  for (const key of wal.touched) if (!found.has(key) && !(key in manifest.files)) rebuilt.push(where(key));
  return { rebuilt };
}
