import type { FileSystem } from '../fs/fileSystem.js';
import { StoreError } from '../store.js';

/** A full disk or an exhausted quota: a refusal that ends once space is free, not damage. */
export function isStorageFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** The error a write gets while the disk is full; it names the system's code (ENOSPC, EDQUOT). */
export function storageFullError(cause: unknown): StoreError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'ENOSPC';
  return new StoreError(
    'STORAGE_FULL',
    `The disk of the data folder is full (${code}): the write was not stored. Free space and try again; reads keep working.`,
    { cause },
  );
}

/** For writes that may be skipped on a full disk (a checkpoint is re-made later): swallows only that. */
export function ignoreStorageFull(error: unknown): void {
  if (!isStorageFull(error) && (error as StoreError | undefined)?.code !== 'STORAGE_FULL') throw error;
}

/**
 * Appends to a file; when that fails, cuts the file back to its size before the append (a
 * partly written line would otherwise sit in front of the next append) and rethrows.
 */
export async function appendOrUndo(
  fs: FileSystem,
  path: string,
  data: Buffer | string,
  options: { sync: boolean },
): Promise<void> {
  const before = (await fs.size(path)) ?? 0;
  try {
    await fs.appendFile(path, data, options);
  } catch (error) {
    await fs.truncate(path, before).catch(() => undefined);
    throw error;
  }
}

/** Settles every promise; rethrows the first failure only after all have settled. */
export async function settleAll<T extends readonly unknown[]>(
  promises: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const results = await Promise.allSettled(promises);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
