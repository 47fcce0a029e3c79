import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Something stored with a MAC beside its other fields (a record, a record version). */
export interface Macced {
  /** HMAC-SHA-256 (base64url) of the JSON of every other field, in stored order (decision 241). */
  mac?: string;
}

/** The record-MAC key: HKDF-SHA-256 from the blind-index key of the keys folder (its own purpose). */
export function deriveRecordMacKey(blindIndexKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', blindIndexKey, Buffer.alloc(0), 'veil record mac v1', 32));
}

function macOver(key: Buffer, value: object): Buffer {
  const { mac: _mac, ...rest } = value as Macced & Record<string, unknown>;
  return createHmac('sha256', key).update(JSON.stringify(rest), 'utf8').digest();
}

/** Sets `value.mac` over its other fields (call last, after every other field is set). */
export function sealMac<T extends Macced>(key: Buffer, value: T): T {
  value.mac = macOver(key, value).toString('base64url');
  return value;
}

/**
 * Whether `value` carries a MAC that matches its fields. JSON keeps key order, so the JSON of a
 * value read back from a file is the JSON it was sealed over.
 */
export function macValid(key: Buffer, value: Macced): boolean {
  if (typeof value.mac !== 'string') return false;
  const given = Buffer.from(value.mac, 'base64url');
  const expected = macOver(key, value);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
