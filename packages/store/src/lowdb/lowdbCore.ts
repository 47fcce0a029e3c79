import type { FileSystem } from '../fs/fileSystem.js';
import type { KeyMaterial } from '../keys/loadKeys.js';
import type { RecordCodec } from '../records/recordCodec.js';
import type { CommitLoop } from './commitLoop.js';
import type { LowdbDataKeys } from './lowdbDataKeys.js';
import type { LowdbState } from './lowdbState.js';

/** What the lowdb adapter's modules share: memory, files, the writer, keys and the record codec. */
export interface LowdbCore {
  state: LowdbState;
  fs: FileSystem;
  loop: CommitLoop;
  dataKeys: LowdbDataKeys;
  codec: RecordCodec;
  keys: KeyMaterial;
  now: () => Date;
  /** Records per shard file. */
  shardSize: number;
  /** Test hook of key rotation (see `LowdbStoreOptions.onRotationStep`). */
  onRotationStep: ((shardsDone: number) => void) | undefined;
  /** What recovery did at open. */
  recovery: RecoveryReport;
}

/** What the open found and did. */
export interface RecoveryReport {
  /** WAL batches applied to files that had not seen them. */
  replayedBatches: number;
  /** A torn last audit line that was cut off (bytes). */
  tornAuditBytes: number;
  /** A torn last WAL line that was dropped (bytes). */
  tornWalBytes: number;
  /** Data files that were missing and rebuilt from the WAL (decision 240). */
  rebuiltFiles: string[];
  /** The folder's format when it was opened (older ones are upgraded in place). */
  formatFound: number;
}
