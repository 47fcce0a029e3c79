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
  recovery: { replayedBatches: number; tornAuditBytes: number; tornWalBytes: number };
}
