import { type FileSystem, nodeFileSystem } from '../fs/fileSystem.js';
import { isInside } from '../keys/loadKeys.js';
import { type FolderLock, lockFolder } from './lockFolder.js';

/** The locks of one open store. */
export interface StoreLocks {
  /** Releases every lock; idempotent. */
  release(): void;
}

/**
 * Locks the data folder, then the keys folder, of a store about to open. An injected file
 * layer (the fault-injecting one of the tests) has no other processes to keep out: no lock.
 */
export function lockStoreFolders(options: { dataDir: string; keysDir: string; fs?: FileSystem }): StoreLocks {
  if (options.fs !== undefined && options.fs !== nodeFileSystem) return { release: () => undefined };
  const locks: FolderLock[] = [lockFolder(options.dataDir, { what: 'data folder' })];
  // Nested folders are refused by `loadKeys` with a clearer message than a lock could give.
  const nested = isInside(options.keysDir, options.dataDir) || isInside(options.dataDir, options.keysDir);
  try {
    if (!nested) locks.push(lockFolder(options.keysDir, { what: 'keys folder' }));
  } catch (error) {
    for (const lock of locks) lock.release();
    throw error;
  }
  return {
    release() {
      for (const lock of locks.reverse()) lock.release();
      locks.length = 0;
    },
  };
}

/** Makes `store.close()` release the locks once the store has closed. */
export function releaseOnClose<T extends { close(): Promise<void> }>(store: T, locks: StoreLocks): T {
  const close = store.close.bind(store);
  store.close = () => close().finally(() => locks.release());
  return store;
}
