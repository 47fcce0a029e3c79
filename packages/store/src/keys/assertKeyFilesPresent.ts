import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../store.js';

/**
 * On a store that holds data, every key file must be there: a new key would silently change
 * what the old one made (exact search finds nothing, signatures and masks change, data keys no
 * longer unwrap). Throws `CONFIG` naming the missing file(s); creates nothing.
 */
export function assertKeyFilesPresent(keysDir: string, files: readonly string[]): void {
  const missing = files.map((file) => join(keysDir, file)).filter((path) => !existsSync(path));
  if (missing.length === 0) return;
  throw new StoreError(
    'CONFIG',
    `Key file ${missing.join(', ')} is missing, though the data folder holds data. ` +
      'Restore it from the keys backup; nothing was created.',
  );
}
