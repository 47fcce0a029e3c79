import type { FileSystem } from '../fs/fileSystem.js';
import { assertKeyChecks, type KeyChecks, keyChecksOf } from '../keys/keyChecks.js';
import type { KeyMaterial } from '../keys/loadKeys.js';
import { StoreError } from '../store.js';
import { FORMAT_VERSION } from './dataManifest.js';
import { DurableJsonAdapter, writeJsonDurably } from './durableJsonAdapter.js';

/** `meta.json`: what kind of folder this is and which format it is in. */
interface MetaFile {
  format: string;
  version: number;
  /** Check values of the keys the folder is written with (absent in older folders: added at open). */
  keyChecks?: KeyChecks;
}

/**
 * Reads (or, in a new folder, writes) the data folder's format and checks the keys against the
 * folder's key check values. Returns the version found: `FORMAT_VERSION`, or an older one that the
 * open upgrades in place. A folder of a newer format is refused: this Veil would not keep what it
 * does not know of.
 */
export async function readDataFormat(fs: FileSystem, metaPath: string, keys: KeyMaterial): Promise<number> {
  const meta = await new DurableJsonAdapter<MetaFile>(fs, metaPath).read();
  if (meta === null) {
    await writeDataFormat(fs, metaPath, keys);
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
  if (meta.keyChecks !== undefined) assertKeyChecks(meta.keyChecks, keys);
  // A folder from before key checks gets them now, for the keys it opens with.
  else await writeJsonDurably(fs, metaPath, JSON.stringify({ ...meta, keyChecks: keyChecksOf(keys) }));
  return meta.version;
}

export function writeDataFormat(fs: FileSystem, metaPath: string, keys: KeyMaterial): Promise<void> {
  const meta: MetaFile = { format: 'veil-lowdb', version: FORMAT_VERSION, keyChecks: keyChecksOf(keys) };
  return writeJsonDurably(fs, metaPath, JSON.stringify(meta));
}
