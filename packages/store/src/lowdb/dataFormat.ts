import type { FileSystem } from '../fs/fileSystem.js';
import { StoreError } from '../store.js';
import { FORMAT_VERSION } from './dataManifest.js';
import { DurableJsonAdapter, writeJsonDurably } from './durableJsonAdapter.js';

/** `meta.json`: what kind of folder this is and which format it is in. */
interface MetaFile {
  format: string;
  version: number;
}

/**
 * Reads (or, in a new folder, writes) the data folder's format. Returns the version found:
 * `FORMAT_VERSION`, or an older one that the open upgrades in place. A folder of a newer format
 * is refused: this Veil would not keep what it does not know of.
 */
export async function readDataFormat(fs: FileSystem, metaPath: string): Promise<number> {
  const meta = await new DurableJsonAdapter<MetaFile>(fs, metaPath).read();
  if (meta === null) {
    await writeDataFormat(fs, metaPath);
    return FORMAT_VERSION;
  }
  if (meta.format !== 'veil-lowdb') throw new StoreError('CORRUPT', `${metaPath} is not a Veil data folder.`);
  if (typeof meta.version !== 'number' || meta.version > FORMAT_VERSION) {
    throw new StoreError(
      'CONFIG',
      `The data folder is in format ${String(meta.version)} (${metaPath}), made by a newer Veil; ` +
        `this Veil reads formats up to ${FORMAT_VERSION}. Run the newer Veil, or restore a backup made for this one.`,
    );
  }
  return meta.version;
}

export function writeDataFormat(fs: FileSystem, metaPath: string): Promise<void> {
  return writeJsonDurably(fs, metaPath, JSON.stringify({ format: 'veil-lowdb', version: FORMAT_VERSION }));
}
