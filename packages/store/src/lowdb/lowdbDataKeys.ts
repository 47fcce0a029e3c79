import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { KEY_FILES, type KeyMaterial } from '../keys/loadKeys.js';
import { RecordKeyFile } from '../keys/recordKeyFile.js';
import { openBytes, sealBytes } from '../records/fieldCipher.js';
import { type DataKeyRing, RECORD_SCOPE } from '../records/recordCodec.js';
import { StoreError } from '../store.js';
import type { LowdbState } from './lowdbState.js';
import type { DataKeyDoc, Op, Undo } from './lowdbTypes.js';

/**
 * Data keys in the `dataKeys` collection, wrapped by the keys folder's master key. A key is
 * only created inside a commit (`collect`): its document joins the same batch, and a failed
 * unit of work drops it again.
 */
export class LowdbDataKeys implements DataKeyRing {
  readonly #state: LowdbState;
  readonly #keys: KeyMaterial;
  readonly #open = new Map<string, Buffer>();
  #sink: { ops: Op[]; undo: Undo | null } | null = null;
  /** Per-record keys of templates that name data subjects, in the keys folder (decision 290). */
  readonly records: RecordKeyFile;

  constructor(state: LowdbState, keys: KeyMaterial) {
    this.#state = state;
    this.#keys = keys;
    this.records = new RecordKeyFile(keys);
  }

  /**
   * Erasure of a record: its key is destroyed at once (a backup made before can no longer
   * decrypt it); when the record stays (`rekey`), its next seal gets a new key. A failed unit
   * of work puts the key back.
   */
  eraseRecordKey(templateId: string, recordId: string, undo: Undo): void {
    const scope = `${templateId}\n${recordId}`;
    const kid = this.records.detach(scope);
    if (kid === undefined) return;
    const key = this.records.keyById(kid);
    undo.push(() => {
      if (Buffer.isBuffer(key)) this.records.restore(kid, scope, key);
    });
    this.records.destroy([kid]);
  }

  /** Runs `fn` with new data keys' documents going to `ops` (and their removal to `undo`). */
  collect<T>(ops: Op[], undo: Undo | null, fn: () => T): T {
    const outer = this.#sink;
    this.#sink = { ops, undo };
    try {
      return fn();
    } finally {
      this.#sink = outer;
    }
  }

  /** Forgets unwrapped keys (a backup replaced the collection). */
  reset(): Map<string, Buffer> {
    const previous = new Map(this.#open);
    this.#open.clear();
    return previous;
  }

  restore(previous: Map<string, Buffer>): void {
    for (const [kid, key] of previous) this.#open.set(kid, key);
  }

  forget(kid: string): void {
    this.#open.delete(kid);
  }

  unwrap(doc: DataKeyDoc): Buffer {
    const cached = this.#open.get(doc.id);
    if (cached) return cached;
    const master = this.#keys.masterKeys.get(doc.masterKid);
    if (master === undefined) {
      throw new StoreError(
        'CONFIG',
        `Data key ${doc.id} is wrapped by master key ${doc.masterKid}, which the keys folder does not hold.`,
      );
    }
    let key: Buffer;
    try {
      key = openBytes(master, doc, `dek\n${doc.id}\n${doc.scope}`, this.#state.collectionPath('dataKeys'));
    } catch (error) {
      throw new StoreError(
        'CONFIG',
        `Data key ${doc.id} in ${this.#state.collectionPath('dataKeys')} does not unwrap with master key ` +
          `${doc.masterKid} (${this.#keys.masterRotatable ? join(this.#keys.keysDir, KEY_FILES.master) : 'VEIL_MASTER_KEY'}): ` +
          'the key file is damaged or belongs to another store, or the data key was edited. Restore the right key.',
        { cause: error },
      );
    }
    this.#open.set(doc.id, key);
    return key;
  }

  #docs(): Map<string, DataKeyDoc> {
    return this.#state.collection('dataKeys') as Map<string, DataKeyDoc>;
  }

  generation(): number {
    let gen = 1;
    for (const doc of this.#docs().values()) gen = Math.max(gen, doc.gen);
    return gen;
  }

  currentKey(scope: string): { kid: string; key: Buffer } {
    if (scope.startsWith(RECORD_SCOPE)) return this.records.keyFor(scope.slice(RECORD_SCOPE.length));
    const gen = this.generation();
    for (const dk of this.#docs().values())
      if (dk.scope === scope && dk.gen === gen) return { kid: dk.id, key: this.unwrap(dk) };
    return this.newKey(scope, gen);
  }

  newKey(scope: string, gen: number): { kid: string; key: Buffer } {
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
    const docs = this.#docs();
    docs.set(kid, doc);
    this.#open.set(kid, key);
    sink.undo?.push(() => {
      docs.delete(kid);
      this.#open.delete(kid);
    });
    sink.ops.push({ t: 'doc-put', coll: 'dataKeys', doc });
    return { kid, key };
  }

  isErased(kid: string): boolean {
    return kid.startsWith('rk-') && this.records.keyById(kid) === 'erased';
  }

  keyById(kid: string, where: string): Buffer {
    if (kid.startsWith('rk-')) {
      const key = this.records.keyById(kid);
      if (Buffer.isBuffer(key)) return key;
      throw new StoreError(
        'CORRUPT',
        `An encrypted value in ${where} names a record key the keys folder does not hold.`,
      );
    }
    const doc = this.#docs().get(kid);
    if (doc === undefined)
      throw new StoreError('CORRUPT', `An encrypted value in ${where} names an unknown data key.`);
    return this.unwrap(doc);
  }
}
