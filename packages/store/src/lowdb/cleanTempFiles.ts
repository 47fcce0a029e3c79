import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FileSystem } from '../fs/fileSystem.js';
import { KEY_FILES } from '../keys/loadKeys.js';
import { SHARDED_COLLECTIONS } from './shardedDocs.js';

/** `stageJson`'s temp names: `.<file>.<pid>.<counter>.tmp`. */
const STAGED = /^\..+\.\d+\.\d+\.tmp$/;
/** `importBackup`'s temp copies of the audit files. */
const IMPORTED = new Set(['audit.jsonl.import', 'checkpoints.jsonl.import']);
/** The key loader's temp files: `<key file>.tmp`. */
const KEY_TEMPS = new Set(Object.values(KEY_FILES).map((name) => `${name}.tmp`));

/**
 * Removes what interrupted writes leave in the data folder: staged temp files (never renamed
 * into place) and temp copies of an interrupted backup import. Only those exact name shapes,
 * in the folders the store writes, and only under the folder lock — a live file is never
 * touched. Returns the removed paths.
 */
export async function cleanTempFiles(fs: FileSystem, dataDir: string): Promise<string[]> {
  const folders = [dataDir, join(dataDir, 'collections'), join(dataDir, 'audit')];
  for (const name of SHARDED_COLLECTIONS) folders.push(join(dataDir, 'collections', name));
  for (const dir of await fs.readdir(join(dataDir, 'records'))) folders.push(join(dataDir, 'records', dir));
  const removed: string[] = [];
  for (const folder of folders) {
    for (const name of await fs.readdir(folder)) {
      if (!STAGED.test(name) && !(folder.endsWith('audit') && IMPORTED.has(name))) continue;
      const path = join(folder, name);
      await fs.unlink(path);
      removed.push(path);
    }
  }
  if (removed.length > 0)
    for (const folder of new Set(removed.map((p) => join(p, '..')))) await fs.syncDir(folder);
  return removed;
}

/** Removes the key loader's temp files (`<key file>.tmp`, possibly holding a key) from the keys folder. */
export function cleanKeyTempFiles(keysDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(keysDir);
  } catch {
    return [];
  }
  const removed = names.filter((name) => KEY_TEMPS.has(name)).map((name) => join(keysDir, name));
  for (const path of removed) rmSync(path, { force: true });
  return removed;
}
