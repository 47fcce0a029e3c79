import { createHmac } from 'node:crypto';
import type { Keyring } from '@veil/policy';
import type { KeyMaterial } from './loadKeys.js';

/** Blind index of a normalised whole value: HMAC-SHA-256 over the field path and the value. */
export function computeBlindIndex(key: Buffer, fieldPath: string, normalized: string): string {
  return createHmac('sha256', key).update(fieldPath).update('\n').update(normalized).digest('base64url');
}

/** `@veil/policy`'s keyed functions, each with its own key from the keys folder. */
export function createKeyring(
  keys: Pick<KeyMaterial, 'blindIndexKey' | 'hashMaskKey' | 'auditRefKey'>,
): Keyring {
  return {
    hashToken: (value) =>
      createHmac('sha256', keys.hashMaskKey).update(value).digest('base64url').slice(0, 12),
    blindIndex: (fieldPath, normalized) => computeBlindIndex(keys.blindIndexKey, fieldPath, normalized),
    auditRef: (id) =>
      `ref_${createHmac('sha256', keys.auditRefKey).update(id).digest('base64url').slice(0, 22)}`,
  };
}
