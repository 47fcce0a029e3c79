import { type KeyMaterial, loadKeys } from './loadKeys.js';

/** Where a store gets its secrets: the keys folder by default; environment or a KMS later. */
export interface KeyProvider {
  /** The master, blind-index, hash-mask, audit-reference and signing keys. */
  load(): KeyMaterial;
}

export interface FileKeyProviderOptions {
  /** The keys folder; must lie outside `dataDir`. Created with mode 0700 on first use. */
  keysDir: string;
  /** The data folder (checked to be apart from the keys). */
  dataDir: string;
  /** A 32-byte master key from the environment; else the keys folder holds one. */
  masterKey?: Buffer;
}

/** The embedded default: keys in files of the keys folder (see `loadKeys`). */
export function fileKeyProvider(options: FileKeyProviderOptions): KeyProvider {
  return { load: () => loadKeys(options) };
}
