import type { VeilRecord } from '@veil/policy';
import { computeBlindIndex } from '../keys/createKeyring.js';
import type { TemplateStorage } from '../store.js';
import { type Envelope, isEnvelope, openBytes, sealBytes } from './fieldCipher.js';
import { type Macced, macValid, sealMac } from './recordMac.js';
import { mapObjects, mapValuesAt, pointerSegments, takeValuesAt, valuesAt } from './schemaPaths.js';

/** Data keys by scope (`templateId\npath`, `notes` …), wrapped by a master key the adapter keeps. */
export interface DataKeyRing {
  /** The current key of a scope; the adapter creates (and persists, in the same commit) a missing one. */
  currentKey(scope: string): { kid: string; key: Buffer };
  /** A key by id, for opening; `CORRUPT` when unknown. */
  keyById(kid: string, where: string): Buffer;
  /** Whether a key was destroyed by an erasure: its values read as `null` (crypto-shredded). */
  isErased?(kid: string): boolean;
}

/** Scope prefix of a record's own key (`record\ntemplateId\nrecordId`, decision 290). */
export const RECORD_SCOPE = 'record\n';

/**
 * A record as any adapter stores it: encrypted paths as envelopes, blind indexes beside the data,
 * values of removed fields sealed in `retired` by field identity (`path@version`, decision 170).
 */
export type EncodedRecord = VeilRecord & {
  blind?: Record<string, string[]>;
  retired?: Record<string, Envelope>;
  /** The record's MAC over everything above (decision 241); the last field. */
  mac?: string;
};

/** A field removed from a template: its path and the identity its values are kept under. */
export interface RetiredField {
  path: string;
  key: string;
}

export interface RecordCodecOptions {
  keys: DataKeyRing;
  blindIndexKey: Buffer;
  /**
   * The key of record MACs (`deriveRecordMacKey`); without it records carry none (an adapter whose
   * storage vouches for its rows itself, e.g. PostgreSQL).
   */
  macKey?: Buffer;
  /** Blind-index normalisation of stored values. */
  normalize: (fieldPath: string, value: string) => string;
  /** How a template's records are kept (encrypted paths, blind indexes). */
  storageOf: (templateId: string) => TemplateStorage | undefined;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * Adapter-neutral encoding of records at rest: AES-256-GCM envelopes under per-scope data keys
 * (AAD binds each value to its template, record and path), blind indexes, retired values. The
 * lowdb adapter uses it; a PostgreSQL adapter stores the same shapes in its columns.
 */
export class RecordCodec {
  readonly #o: RecordCodecOptions;
  constructor(options: RecordCodecOptions) {
    this.#o = options;
  }

  seal(scope: string, aad: string, value: unknown): Envelope {
    const { kid, key } = this.#o.keys.currentKey(scope);
    return { $enc: 'v1', kid, ...sealBytes(key, Buffer.from(JSON.stringify(value), 'utf8'), aad) };
  }

  open(env: Envelope, aad: string, where: string): unknown {
    return JSON.parse(openBytes(this.#o.keys.keyById(env.kid, where), env, aad, where).toString('utf8'));
  }

  /** The key scope of a value: the record's own key when its template names data subjects. */
  #scope(templateId: string, recordId: string, path: string): string {
    return this.#o.storageOf(templateId)?.recordKeys === true
      ? `${RECORD_SCOPE}${templateId}\n${recordId}`
      : `${templateId}\n${path}`;
  }

  /** Every value at an encrypted path (ever encrypted: sticky) sealed; envelopes stay as they are. */
  encryptData(templateId: string, recordId: string, data: Record<string, unknown>): Record<string, unknown> {
    const storage = this.#o.storageOf(templateId);
    let out: unknown = data;
    for (const path of storage?.everEncrypted ?? storage?.encrypted ?? []) {
      out = mapValuesAt(out, pointerSegments(path), (value) =>
        isEnvelope(value)
          ? value
          : this.seal(this.#scope(templateId, recordId, path), `${templateId}\n${recordId}\n${path}`, value),
      );
    }
    return out as Record<string, unknown>;
  }

  decryptData(templateId: string, recordId: string, data: Record<string, unknown>): Record<string, unknown> {
    const where = `the records of template ${templateId}`;
    return mapObjects(data, (node, path) => {
      if (!isEnvelope(node)) return undefined;
      if (this.#o.keys.isErased?.(node.kid) === true) return null;
      return this.open(node, `${templateId}\n${recordId}\n${path}`, where);
    }) as Record<string, unknown>;
  }

  blindOf(templateId: string, data: Record<string, unknown>): Record<string, string[]> | undefined {
    const storage = this.#o.storageOf(templateId);
    if (!storage || storage.exact.length === 0) return undefined;
    const blind: Record<string, string[]> = {};
    for (const path of storage.exact) {
      const indexes = new Set<string>();
      for (const value of valuesAt(data, pointerSegments(path))) {
        for (const item of Array.isArray(value) ? value : [value]) {
          if (typeof item === 'string' || typeof item === 'number') {
            indexes.add(
              computeBlindIndex(this.#o.blindIndexKey, path, this.#o.normalize(path, String(item))),
            );
          }
        }
      }
      blind[path] = [...indexes];
    }
    return blind;
  }

  encode(record: VeilRecord, retired?: Record<string, Envelope>): EncodedRecord {
    const stored: EncodedRecord = {
      ...clone(record),
      data: this.encryptData(record.templateId, record.id, clone(record.data)),
    };
    const blind = this.blindOf(record.templateId, record.data);
    if (blind) stored.blind = blind;
    if (retired !== undefined) stored.retired = retired;
    return this.sealMac(stored);
  }

  /** Sets the MAC of a stored record or version (after its last other change); none without a MAC key. */
  sealMac<T extends Macced>(value: T): T {
    return this.#o.macKey === undefined ? value : sealMac(this.#o.macKey, value);
  }

  /** Whether a stored record or version carries a MAC that matches it (always, without a MAC key). */
  macValid(value: Macced): boolean {
    return this.#o.macKey === undefined || macValid(this.#o.macKey, value);
  }

  /** The plaintext record and its blind indexes (retired values stay sealed and out of it). */
  decode(stored: EncodedRecord): { record: VeilRecord; blind: Record<string, string[]> } {
    const { blind, retired: _retired, mac: _mac, ...record } = stored;
    return {
      record: { ...record, data: this.decryptData(record.templateId, record.id, record.data) },
      blind: blind ?? {},
    };
  }

  /** Moves the values of removed fields out of `data` into sealed envelopes (one per field identity). */
  retire(
    templateId: string,
    recordId: string,
    data: Record<string, unknown>,
    fields: readonly RetiredField[],
  ): { data: Record<string, unknown>; retired?: Record<string, Envelope> } {
    let out = data;
    let retired: Record<string, Envelope> | undefined;
    for (const { path, key } of fields) {
      const taken = takeValuesAt(out, pointerSegments(path));
      if (taken.values.length === 0) continue;
      out = taken.data;
      retired ??= {};
      retired[key] = this.seal(
        this.#scope(templateId, recordId, path),
        `${templateId}\n${recordId}\nretired\n${key}`,
        taken.values,
      );
    }
    return retired ? { data: out, retired } : { data: out };
  }

  /** Retired envelopes sealed again under the current data keys (rotation, re-encoding). */
  resealRetired(
    templateId: string,
    recordId: string,
    retired: Record<string, Envelope> | undefined,
  ): Record<string, Envelope> | undefined {
    if (retired === undefined) return undefined;
    const where = `the records of template ${templateId}`;
    const out: Record<string, Envelope> = {};
    for (const [key, env] of Object.entries(retired)) {
      const aad = `${templateId}\n${recordId}\nretired\n${key}`;
      const path = key.slice(0, key.lastIndexOf('@'));
      if (this.#o.keys.isErased?.(env.kid) === true) continue;
      out[key] = this.seal(this.#scope(templateId, recordId, path), aad, this.open(env, aad, where));
    }
    return out;
  }
}
