import { constants } from 'node:fs';
import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  truncate,
} from 'node:fs/promises';

/**
 * The file operations the lowdb adapter uses. A write is durable only after `sync` (or a
 * `sync: true` write) and, for a new or renamed entry, after `syncDir` on its folder. Tests
 * inject a fault-injecting implementation that forgets everything not yet synced.
 */
export interface FileSystem {
  /** The whole file, or `undefined` when it does not exist. */
  readFile(path: string): Promise<Buffer | undefined>;
  /** Create or replace the file's content; with `sync`, fsync it before resolving. */
  writeFile(path: string, data: Buffer | string, options: { sync: boolean }): Promise<void>;
  /** Append (creating the file if needed); with `sync`, fsync it before resolving. */
  appendFile(path: string, data: Buffer | string, options: { sync: boolean }): Promise<void>;
  /** Cut the file to `length` bytes and fsync it. */
  truncate(path: string, length: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** No error when absent. */
  unlink(path: string): Promise<void>;
  /** Names in a folder; `[]` when it does not exist. */
  readdir(path: string): Promise<string[]>;
  /** Recursive; durable at once. */
  mkdir(path: string): Promise<void>;
  /** Make the folder's entries (creations, renames, removals) durable. */
  syncDir(path: string): Promise<void>;
  /** Size in bytes, or `undefined`. */
  size(path: string): Promise<number | undefined>;
  /** Drop anything kept open for the file (called on close). */
  release?(path: string): Promise<void>;
  /**
   * Opens the file for reading in chunks (large logs are never read whole); `undefined` when it
   * does not exist. Without it, callers fall back to `readFile`.
   */
  openReader?(path: string): Promise<FileReader | undefined>;
}

/** A file open for reading; it keeps reading the same file even if it is replaced by a rename. */
export interface FileReader {
  /** Size in bytes when opened. */
  size: number;
  /** Reads up to `length` bytes at `position` into `buffer` at `offset`; returns the count. */
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<number>;
  close(): Promise<void>;
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

// Append-only files (audit log, WAL) stay open between appends: one open per group commit is measurable.
const appendHandles = new Map<string, Promise<FileHandle>>();

async function releaseHandle(path: string): Promise<void> {
  const handle = appendHandles.get(path);
  if (handle === undefined) return;
  appendHandles.delete(path);
  await (await handle).close();
}

/** The real file system (node:fs). */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    try {
      return await readFile(path);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
  async writeFile(path, data, { sync }) {
    await releaseHandle(path);
    const handle = await open(path, 'w', 0o600);
    try {
      await handle.writeFile(data);
      if (sync) await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async appendFile(path, data, { sync }) {
    let pending = appendHandles.get(path);
    if (pending === undefined) {
      pending = open(path, 'a', 0o600);
      appendHandles.set(path, pending);
    }
    const handle = await pending;
    await handle.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (sync) await handle.datasync();
  },
  async truncate(path, length) {
    await truncate(path, length);
    const handle = await open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async rename(from, to) {
    await releaseHandle(from);
    await releaseHandle(to);
    await rename(from, to);
  },
  async unlink(path) {
    await releaseHandle(path);
    await rm(path, { force: true });
  },
  async readdir(path) {
    try {
      return await readdir(path);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  },
  async mkdir(path) {
    await mkdir(path, { recursive: true, mode: 0o700 });
  },
  async syncDir(path) {
    const handle = await open(path, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  release: releaseHandle,
  async openReader(path) {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const { size } = await handle.stat();
    return {
      size,
      read: async (buffer, offset, length, position) =>
        (await handle.read(buffer, offset, length, position)).bytesRead,
      close: () => handle.close(),
    };
  },
  async size(path) {
    try {
      return (await stat(path)).size;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
};
