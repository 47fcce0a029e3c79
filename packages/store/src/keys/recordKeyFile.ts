import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openBytes, sealBytes } from '../records/fieldCipher.js';
import { StoreError } from '../store.js';
import { KEY_FILES, type KeyMaterial } from './loadKeys.js';

/** The keys folder's file of record (data-subject) keys: JSON lines, a key or a tombstone each. */
export const RECORD_KEYS_FILE = 'record-keys.jsonl';

interface KeyLine {
  k: string;
  /** `templateId\nrecordId`. */
  s: string;
  m: string;
  iv: string;
  tag: string;
  ct: string;
}
interface TombstoneLine {
  e: string;
}

/**
 * One data key per record of a template that names data subjects (decision 290), kept in the
 * keys folder — never in the data folder, so never in a data backup. Erasing a record destroys
 * its key: the file is rewritten without it and keeps only a tombstone (the key id), so a data
 * backup made before can no longer decrypt the record's encrypted values, while a missing key
 * that was never erased stays an error.
 */
export class RecordKeyFile {
  readonly #keys: KeyMaterial;
  readonly #path: string;
  readonly #byScope = new Map<string, string>();
  readonly #byKid = new Map<string, { scope: string; key: Buffer; line: KeyLine }>();
  readonly #erased = new Set<string>();
  #unsynced = false;
  #compactPending = false;

  constructor(keys: KeyMaterial) {
    this.#keys = keys;
    this.#path = join(keys.keysDir, RECORD_KEYS_FILE);
    if (!existsSync(this.#path)) return;
    const lines = readFileSync(this.#path, 'utf8').split('\n');
    for (const [index, text] of lines.entries()) {
      if (text.trim() === '') continue;
      let line: KeyLine | TombstoneLine;
      try {
        line = JSON.parse(text) as KeyLine | TombstoneLine;
      } catch {
        // A torn last line is a key whose record never committed.
        if (index >= lines.length - 2) continue;
        throw new StoreError('CONFIG', `Line ${index + 1} of key file ${this.#path} is damaged.`);
      }
      if ('e' in line) this.#forget(line.e);
      else this.#load(line);
    }
  }

  #load(line: KeyLine): void {
    if (this.#erased.has(line.k)) return;
    const master = this.#keys.masterKeys.get(line.m);
    if (master === undefined)
      throw new StoreError('CONFIG', `Key file ${this.#path} needs master key ${line.m}, which is missing.`);
    let key: Buffer;
    try {
      key = openBytes(master, line, `rk\n${line.k}\n${line.s}`, this.#path);
    } catch (error) {
      const masterFile = this.#keys.masterRotatable
        ? join(this.#keys.keysDir, KEY_FILES.master)
        : 'VEIL_MASTER_KEY';
      throw new StoreError(
        'CONFIG',
        `Record key ${line.k} in ${this.#path} does not unwrap with master key ${line.m} (${masterFile}): ` +
          'the key file is damaged or belongs to another store. Restore the right key.',
        { cause: error },
      );
    }
    this.#byKid.set(line.k, { scope: line.s, key, line });
    this.#byScope.set(line.s, line.k);
  }

  #forget(kid: string): void {
    const held = this.#byKid.get(kid);
    if (held && this.#byScope.get(held.scope) === kid) this.#byScope.delete(held.scope);
    this.#byKid.delete(kid);
    this.#erased.add(kid);
  }

  /** The record's key, created (and fsynced to the keys folder) on first use. */
  keyFor(scope: string): { kid: string; key: Buffer } {
    const kid = this.#byScope.get(scope);
    const held = kid === undefined ? undefined : this.#byKid.get(kid);
    if (kid !== undefined && held !== undefined) return { kid, key: held.key };
    const fresh = `rk-${randomBytes(9).toString('hex')}`;
    const key = randomBytes(32);
    const line = this.#wrap(fresh, scope, key);
    const fd = openSync(this.#path, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(line)}\n`);
    } finally {
      closeSync(fd);
    }
    this.#unsynced = true;
    this.#byKid.set(fresh, { scope, key, line });
    this.#byScope.set(scope, fresh);
    return { kid: fresh, key };
  }

  #wrap(kid: string, scope: string, key: Buffer): KeyLine {
    const m = this.#keys.currentMasterKid;
    const master = this.#keys.masterKeys.get(m) as Buffer;
    return { k: kid, s: scope, m, ...sealBytes(master, key, `rk\n${kid}\n${scope}`) };
  }

  /** Makes new keys durable: called once per commit batch, before its commit point. */
  sync(): void {
    if (!this.#unsynced) return;
    const fd = openSync(this.#path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.#unsynced = false;
  }

  /** A key by id; `erased` when it was destroyed, `undefined` when this file never held it. */
  keyById(kid: string): Buffer | 'erased' | undefined {
    if (this.#erased.has(kid)) return 'erased';
    return this.#byKid.get(kid)?.key;
  }

  /**
   * Detaches the record's current key so its next `keyFor` makes a new one; returns the old key
   * id (to `destroy` once nothing refers to it) or `undefined` when it had none.
   */
  detach(scope: string): string | undefined {
    const kid = this.#byScope.get(scope);
    if (kid !== undefined) this.#byScope.delete(scope);
    return kid;
  }

  /** Undoes `detach` (the unit of work failed). */
  reattach(scope: string, kid: string | undefined): void {
    if (kid === undefined || !this.#byKid.has(kid)) this.#byScope.delete(scope);
    else this.#byScope.set(scope, kid);
  }

  /**
   * Destroys keys at once in memory; the file loses them at `compact`, which the commit loop
   * calls once per batch right after its commit point (so a hundred erasures rewrite it once).
   */
  destroy(kids: readonly string[]): void {
    if (kids.length === 0) return;
    for (const kid of kids) this.#forget(kid);
    this.#compactPending = true;
  }

  /** Rewrites the file without destroyed keys (tombstones kept), fsynced, renamed; if any. */
  compact(): void {
    if (!this.#compactPending) return;
    this.#compactPending = false;
    this.#rewrite();
  }

  /** Puts a destroyed key back (the unit of work that erased it failed). */
  restore(kid: string, scope: string, key: Buffer): void {
    this.#erased.delete(kid);
    this.#byKid.set(kid, { scope, key, line: this.#wrap(kid, scope, key) });
    this.#byScope.set(scope, kid);
    this.#compactPending = true;
  }

  /** Wraps every key under the current master key (after a master-key rotation). */
  rewrap(): void {
    for (const [kid, held] of this.#byKid) held.line = this.#wrap(kid, held.scope, held.key);
    this.#compactPending = false;
    this.#rewrite();
  }

  #rewrite(): void {
    const lines = [
      ...[...this.#erased].map((e) => JSON.stringify({ e } satisfies TombstoneLine)),
      ...[...this.#byKid.values()].map((held) => JSON.stringify(held.line)),
    ];
    const temp = `${this.#path}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, lines.length > 0 ? `${lines.join('\n')}\n` : '');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.#path);
    const dirFd = openSync(this.#keys.keysDir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
