import { join } from 'node:path';
import type { FileSystem } from '../fs/fileSystem.js';

/** What a data folder holds before the store opens it. */
export interface DataFolderState {
  /**
   * A file showing that the folder already holds data (audit log, WAL, a record shard, a
   * collection with documents), or `undefined` for an empty or new folder. A store with data
   * never recreates a missing collection or key file: it refuses to open and names it.
   */
  dataEvidence: string | undefined;
}

/** Looks for data, cheapest evidence first (the collections are read only when nothing else is there). */
export async function inspectDataFolder(
  fs: FileSystem,
  dataDir: string,
  collections: readonly string[],
): Promise<DataFolderState> {
  for (const file of [join('audit', 'audit.jsonl'), 'wal.jsonl']) {
    if (((await fs.size(join(dataDir, file))) ?? 0) > 0) return { dataEvidence: file };
  }
  for (const dir of await fs.readdir(join(dataDir, 'records'))) {
    const shard = (await fs.readdir(join(dataDir, 'records', dir))).find((f) => /^\d+\.json$/.test(f));
    if (shard !== undefined) return { dataEvidence: join('records', dir, shard) };
  }
  for (const name of collections) {
    const file = join('collections', `${name}.json`);
    const bytes = await fs.readFile(join(dataDir, file));
    if (bytes === undefined) continue;
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { docs?: unknown[] };
      if ((parsed.docs?.length ?? 0) > 0) return { dataEvidence: file };
    } catch {
      return { dataEvidence: file }; // damaged: the open reports it by name
    }
  }
  return { dataEvidence: undefined };
}
