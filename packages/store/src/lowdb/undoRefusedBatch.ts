import type { FileSystem } from '../fs/fileSystem.js';
import type { QueryRow } from '../records/runQuery.js';
import type { LowdbState } from './lowdbState.js';
import type { StoredRecord } from './lowdbTypes.js';
import { reloadTouchedFiles } from './reloadTouchedFiles.js';

/** What `undoRefusedBatch` needs of the commit loop. */
export interface UndoContext {
  state: LowdbState;
  fs: FileSystem;
  /** The query row of a stored record. */
  decode: (stored: StoredRecord) => QueryRow;
  /** Read-set lines of committed batches not yet in the file (a full disk refused them). */
  pendingReadSets: string;
}

/**
 * Undoes in memory a batch a full disk refused before its commit point: reads its touched files
 * (and, with `readSets`, the read-set file) back. Files are installed before the next batch
 * starts, so they hold exactly the state before the refused batch.
 */
export async function undoRefusedBatch(
  ctx: UndoContext,
  touched: Set<string>,
  readSets: boolean,
): Promise<void> {
  const { state, fs } = ctx;
  await reloadTouchedFiles(
    {
      fs,
      dataDir: state.dir,
      docs: state.docs,
      collectionApplied: state.collectionApplied,
      templateState: (id) => state.templateState(id),
      shardPath: (id, no) => state.shardPath(id, no),
      toRow: (stored: StoredRecord) => ctx.decode(stored),
    },
    [...touched].filter((key) => key !== 'r:'),
  );
  if (readSets) {
    state.readSets.load(await fs.readFile(state.readSetPath), state.readSetPath);
    // Committed read sets the full disk kept out of the file stay.
    for (const line of ctx.pendingReadSets.split('\n')) if (line) state.readSets.add(JSON.parse(line));
  }
  state.allDocsChanged();
}
