import { createHmac, hash } from 'node:crypto';
import { join } from 'node:path';
import { StoreError } from '../store.js';
import { KEY_FILES, type KeyMaterial } from './loadKeys.js';

/**
 * Check values of the keys a data folder was written with, by key file name: an HMAC of a fixed
 * text under each symmetric key, the SHA-256 of the signing key's public key. They reveal nothing
 * of the keys; a different value at open means a different (replaced or damaged) key file.
 */
export type KeyChecks = Record<string, string>;

const CHECK_TEXT = 'veil key check v1';

export function keyChecksOf(keys: KeyMaterial): KeyChecks {
  const kcv = (key: Buffer) => createHmac('sha256', key).update(CHECK_TEXT).digest('hex').slice(0, 32);
  return {
    [KEY_FILES.blindIndex]: kcv(keys.blindIndexKey),
    [KEY_FILES.hashMask]: kcv(keys.hashMaskKey),
    [KEY_FILES.auditRef]: kcv(keys.auditRefKey),
    [KEY_FILES.signing]: hash('sha256', keys.publicKeyPem, 'hex').slice(0, 32),
  };
}

/**
 * Compares the keys loaded with the check values the data folder keeps: `CONFIG` naming each key
 * file that is not the one the folder was written with (its blind indexes, record MACs, masks,
 * audit references or signatures would all silently differ). Nothing is changed.
 */
export function assertKeyChecks(expected: KeyChecks, keys: KeyMaterial): void {
  const actual = keyChecksOf(keys);
  const wrong = Object.keys(expected)
    .filter((file) => actual[file] !== undefined && actual[file] !== expected[file])
    .map((file) => join(keys.keysDir, file));
  if (wrong.length === 0) return;
  throw new StoreError(
    'CONFIG',
    `Key file ${wrong.join(', ')} is not the key this data folder was written with (its check value ` +
      'differs): it was replaced or damaged. Put the right file back from the keys backup; nothing was changed.',
  );
}
