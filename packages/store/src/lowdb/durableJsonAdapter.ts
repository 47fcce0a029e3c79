import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import type { FileSystem } from '../fs/fileSystem.js';
import { StoreError } from '../store.js';

let tempCounter = 0;

/**
 * A lowdb adapter that never acknowledges a write before it is durable: it writes a temp file,
 * fsyncs it, renames it over the target and fsyncs the folder. Unparseable content is an error
 * naming the file (never silently replaced by defaults).
 */
export class DurableJsonAdapter<T> implements Adapter<T> {
  readonly path: string;
  readonly #fs: FileSystem;
  readonly #onRead: ((bytes: Buffer, data: T) => void) | undefined;

  /** `onRead` sees the bytes of each read (the open hashes them for the manifest). */
  constructor(fs: FileSystem, path: string, onRead?: (bytes: Buffer, data: T) => void) {
    this.#fs = fs;
    this.path = path;
    this.#onRead = onRead;
  }

  async read(): Promise<T | null> {
    const bytes = await this.#fs.readFile(this.path);
    if (bytes === undefined) return null;
    const data = parseJsonFile<T>(this.path, bytes);
    this.#onRead?.(bytes, data);
    return data;
  }

  async write(data: T): Promise<void> {
    await writeJsonDurably(this.#fs, this.path, JSON.stringify(data));
  }
}

/** Parses a data file; any damage is a `CORRUPT` error naming the file. */
export function parseJsonFile<T>(path: string, bytes: Buffer): T {
  // The parser's message quotes the content, which may be personal: keep only our own words.
  const problem = bytes.length === 0 ? 'empty' : 'not valid JSON';
  try {
    if (bytes.length > 0) return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    // reported below
  }
  throw new StoreError(
    'CORRUPT',
    `Data file ${path} is damaged (${problem}); restore it from a backup — nothing was overwritten.`,
  );
}

/** Temp file, fsync, rename, fsync the folder. */
export async function writeJsonDurably(fs: FileSystem, path: string, text: string): Promise<void> {
  const temp = await stageJson(fs, path, text);
  await fs.rename(temp, path);
  await fs.syncDir(dirname(path));
}

/**
 * Writes `text` to a fsynced temp file beside `path` and returns the temp path; renaming it
 * over `path` then never exposes a partly written file, even after a power cut.
 */
export async function stageJson(fs: FileSystem, path: string, text: Buffer | string): Promise<string> {
  tempCounter += 1;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${tempCounter}.tmp`);
  await fs.writeFile(temp, text, { sync: true });
  return temp;
}
