import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { StoreError } from '../store.js';

/** An encrypted value at rest. */
export interface Envelope {
  $enc: 'v1';
  /** Data key id. */
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

export function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && (value as { $enc?: unknown }).$enc === 'v1';
}

/** AES-256-GCM; `aad` binds the ciphertext to where it belongs (record, path). */
export function sealBytes(key: Buffer, plain: Buffer, aad: string): { iv: string; tag: string; ct: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

export function openBytes(
  key: Buffer,
  sealed: { iv: string; tag: string; ct: string },
  aad: string,
  where: string,
): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  } catch {
    throw new StoreError(
      'CORRUPT',
      `An encrypted value in ${where} does not decrypt (wrong key or edited ciphertext).`,
    );
  }
}
