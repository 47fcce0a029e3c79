import { AuditBatchEncoder, hashAuditJson, ZERO_HASH } from '../audit/auditChain.js';
import { nodeFileSystem } from '../fs/fileSystem.js';
import { fileKeyProvider } from '../keys/keyProvider.js';
import { normalizeExact } from '../records/normalizeExact.js';
import { RecordCodec } from '../records/recordCodec.js';
import { deriveRecordMacKey } from '../records/recordMac.js';
import { CommitLoop } from './commitLoop.js';
import type { DataFolderState } from './inspectDataFolder.js';
import type { LowdbCore } from './lowdbCore.js';
import { LowdbDataKeys } from './lowdbDataKeys.js';
import { LowdbState } from './lowdbState.js';
import type { LowdbStoreOptions } from './openLowdbStore.js';

/** The store's shared parts from its options: keys (checked against the folder's evidence), memory, codec, writer. */
export function createLowdbCore(options: LowdbStoreOptions, folder: DataFolderState): LowdbCore {
  const fs = options.fs ?? nodeFileSystem;
  const now = options.now ?? (() => new Date());
  const provider =
    options.keyProvider ??
    fileKeyProvider({
      keysDir: options.keysDir,
      dataDir: options.dataDir,
      ...(options.masterKey !== undefined ? { masterKey: options.masterKey } : {}),
    });
  const keys = provider.load({ storeHasData: folder.dataEvidence !== undefined });
  const state = new LowdbState(options.dataDir);
  const dataKeys = new LowdbDataKeys(state, keys);
  const normalize = options.normalize ?? ((_path: string, value: string) => normalizeExact(value));
  const codec = new RecordCodec({
    keys: dataKeys,
    blindIndexKey: keys.blindIndexKey,
    macKey: deriveRecordMacKey(keys.blindIndexKey),
    normalize,
    storageOf: (templateId) => state.storage(templateId),
  });
  const loop = new CommitLoop({
    state,
    fs,
    keys,
    dataKeys,
    encoder: new AuditBatchEncoder(options.unhashedAuditForBenchmark ? ZERO_HASH : hashAuditJson),
    now,
    walLimitBytes: options.walLimitBytes ?? 4 * 1024 * 1024,
    checkpointEvery: options.checkpointEvery ?? 1000,
    decode: (stored) => codec.decode(stored),
  });
  return {
    state,
    fs,
    loop,
    dataKeys,
    codec,
    keys,
    now,
    shardSize: options.shardSize ?? 500,
    onRotationStep: options.onRotationStep,
    recovery: {
      replayedBatches: 0,
      tornAuditBytes: 0,
      tornWalBytes: 0,
      rebuiltFiles: [],
      formatFound: 0,
      quarantined: [],
    },
  };
}
