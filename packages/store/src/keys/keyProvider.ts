import { type KeyMaterial, loadKeys } from './loadKeys.js';

/** Where a store gets its secrets: the keys folder by default; environment or a KMS later. */
export interface KeyProvider {
  /**
   * The master, blind-index, hash-mask, audit-reference and signing keys. With `storeHasData`
   * (the data folder is not new) a missing key is an error naming it, never a new key.
   */
  load(context?: KeyLoadContext): KeyMaterial;
}

/** What the store knows about its data folder when it asks for the keys. */
export interface KeyLoadContext {
  /** The data folder already holds data (see `inspectDataFolder`). */
  storeHasData: boolean;
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
  return { load: (context) => loadKeys({ ...options, storeHasData: context?.storeHasData ?? false }) };
}
