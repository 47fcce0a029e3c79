import { join } from 'node:path';
import type { FileSystem } from '../fs/fileSystem.js';
import { StoreError } from '../store.js';
import { stageJson, writeJsonDurably } from './durableJsonAdapter.js';
import type { DataFolderState } from './inspectDataFolder.js';

/**
 * Marks a data folder whose every collection has its file. Folders made before the marker
 * existed get their missing (never written) collections created and the marker on their next
 * open; from then on a missing collection file is a lost one.
 */
const COLLECTIONS_MARKER = '.all-present';

/**
 * Every collection has its file from the first open on, so a missing one is a lost one: on a
 * folder with data it stops the open, naming the file (nothing is recreated, so nothing is
 * re-seeded); on an empty folder the missing files are created empty and made durable.
 */
export async function ensureCollectionFiles(
  fs: FileSystem,
  dataDir: string,
  collections: readonly string[],
  state: DataFolderState,
): Promise<void> {
  const folder = join(dataDir, 'collections');
  const marker = join(folder, COLLECTIONS_MARKER);
  const marked = (await fs.size(marker)) !== undefined;
  const missing: string[] = [];
  for (const name of collections) {
    const path = join(folder, `${name}.json`);
    if ((await fs.size(path)) === undefined) missing.push(path);
  }
  if (marked && missing.length === 0) return;
  if (marked && state.dataEvidence !== undefined) {
    throw new StoreError(
      'CORRUPT',
      `Data file ${missing.join(', ')} is missing, though the data folder holds data ` +
        `(${state.dataEvidence}). Restore it from a backup; nothing was changed or recreated.`,
    );
  }
  const empty = JSON.stringify({ appliedBatch: 0, docs: [] });
  const staged = await Promise.all(missing.map(async (path) => [await stageJson(fs, path, empty), path]));
  for (const [temp, path] of staged) await fs.rename(temp as string, path as string);
  if (staged.length > 0) await fs.syncDir(folder);
  await writeJsonDurably(fs, marker, JSON.stringify({ collections }));
}
