import { randomBytes } from 'node:crypto';
import { type KeyMaterial, StoreError } from '@veil/store';
import { type DataKeyRing, openBytes, sealBytes } from '@veil/store/adapter';
import type { Queryable } from './pgTransaction.js';

/** A data key as stored: the key sealed by a master key of the keys folder (or environment). */
export interface DataKeyDoc {
  id: string;
  scope: string;
  gen: number;
  masterKid: string;
  iv: string;
  tag: string;
  ct: string;
}

/** Thrown when a value names a data key this server has not loaded yet (another server made it). */
export class DataKeyNotLoaded extends Error {}

/**
 * Data keys in the `data_keys` table, wrapped by the master key. A new key is created inside a
 * unit of work only (`collect`): it is inserted in the same transaction and becomes visible to
 * this server's other units once that transaction commits; a key another server created is
 * loaded on first use (`reload`).
 */
export class PgDataKeys implements DataKeyRing {
  readonly #keys: KeyMaterial;
  readonly #docs = new Map<string, DataKeyDoc>();
  /** Per scope, its key of the highest generation: a seal looks up one entry, never every key. */
  readonly #latest = new Map<string, DataKeyDoc>();
  #gen = 1;
  readonly #open = new Map<string, Buffer>();
  #sink: DataKeyDoc[] | null = null;

  constructor(keys: KeyMaterial) {
    this.#keys = keys;
  }

  async reload(db: Queryable): Promise<void> {
    const { rows } = await db.query<{ doc: DataKeyDoc }>('SELECT doc FROM data_keys');
    for (const { doc } of rows) this.#remember(doc);
  }

  #remember(doc: DataKeyDoc): void {
    this.#docs.set(doc.id, doc);
    this.#gen = Math.max(this.#gen, doc.gen);
    const latest = this.#latest.get(doc.scope);
    if (latest === undefined || latest.gen < doc.gen) this.#latest.set(doc.scope, doc);
  }

  /** Runs `fn` (synchronous) with new keys going to `sink`. */
  collect<T>(sink: DataKeyDoc[], fn: () => T): T {
    const outer = this.#sink;
    this.#sink = sink;
    try {
      return fn();
    } finally {
      this.#sink = outer;
    }
  }

  /** Inserts the keys a unit created (inside its transaction). */
  async insert(db: Queryable, sink: readonly DataKeyDoc[]): Promise<void> {
    for (const doc of sink) {
      await db.query('INSERT INTO data_keys (id, scope, gen, doc) VALUES ($1, $2, $3, $4)', [
        doc.id,
        doc.scope,
        doc.gen,
        JSON.stringify(doc),
      ]);
    }
  }

  /** After the unit's commit: its keys are usable by every later unit of this server. */
  committed(sink: readonly DataKeyDoc[]): void {
    for (const doc of sink) this.#remember(doc);
  }

  #unwrap(doc: DataKeyDoc): Buffer {
    const cached = this.#open.get(doc.id);
    if (cached) return cached;
    const master = this.#keys.masterKeys.get(doc.masterKid);
    if (master === undefined) {
      throw new StoreError(
        'CONFIG',
        `Data key ${doc.id} is wrapped by master key ${doc.masterKid}, which the key provider does not hold.`,
      );
    }
    const key = openBytes(master, doc, `dek\n${doc.id}\n${doc.scope}`, 'the data_keys table');
    this.#open.set(doc.id, key);
    return key;
  }

  currentKey(scope: string): { kid: string; key: Buffer } {
    const gen = this.#gen;
    const known = this.#sink?.find((dk) => dk.scope === scope && dk.gen === gen) ?? this.#latest.get(scope);
    if (known !== undefined && known.gen === gen) return { kid: known.id, key: this.#unwrap(known) };
    const sink = this.#sink;
    if (sink === null) throw new StoreError('INVALID', 'A data key can only be created inside a commit.');
    const kid = `dk-${randomBytes(8).toString('hex')}`;
    const key = randomBytes(32);
    const masterKid = this.#keys.currentMasterKid;
    const master = this.#keys.masterKeys.get(masterKid) as Buffer;
    const doc: DataKeyDoc = {
      id: kid,
      scope,
      gen,
      masterKid,
      ...sealBytes(master, key, `dek\n${kid}\n${scope}`),
    };
    sink.push(doc);
    this.#open.set(kid, key);
    return { kid, key };
  }

  keyById(kid: string, _where: string): Buffer {
    const doc = this.#sink?.find((d) => d.id === kid) ?? this.#docs.get(kid);
    if (doc === undefined) throw new DataKeyNotLoaded(kid);
    return this.#unwrap(doc);
  }

  has(kid: string): boolean {
    return this.#docs.has(kid);
  }
}
