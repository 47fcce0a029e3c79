import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyMaterial } from '@veil/store';
import { describe, expect, it } from 'vitest';
import { type DataKeyDoc, PgDataKeys } from '../src/pgDataKeys.js';

// No database: the key ring's choice of the current key per scope. It keeps one entry per
// scope rather than passing over every key (with per-record keys there is one per record).
function keyMaterial(): KeyMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    masterKeys: new Map([['mk-1', randomBytes(32)]]),
    currentMasterKid: 'mk-1',
    masterRotatable: true,
    blindIndexKey: randomBytes(32),
    hashMaskKey: randomBytes(32),
    auditRefKey: randomBytes(32),
    signingKey: privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keysDir: '',
  };
}

/** Loads `docs` as if read from the `data_keys` table (keys another server made). */
function load(ring: PgDataKeys, docs: DataKeyDoc[]): Promise<void> {
  return ring.reload({ query: async () => ({ rows: docs.map((doc) => ({ doc })) }) } as never);
}

describe('PgDataKeys', () => {
  it('reuses a committed key of a scope and creates one per new scope', () => {
    const ring = new PgDataKeys(keyMaterial());
    const made: DataKeyDoc[] = [];
    const first = ring.collect(made, () => ring.currentKey('record\nt1\nr1'));
    expect(ring.collect(made, () => ring.currentKey('record\nt1\nr1')).kid).toBe(first.kid);
    ring.committed(made.splice(0));
    expect(ring.collect(made, () => ring.currentKey('record\nt1\nr1')).kid).toBe(first.kid);
    const other = ring.collect(made, () => ring.currentKey('record\nt1\nr2'));
    expect(other.kid).not.toBe(first.kid);
    expect(made.map((d) => d.id)).toEqual([other.kid]);
  });

  it('hands out the newest generation of a scope, whatever order the keys were loaded in', async () => {
    const keys = keyMaterial();
    const made: DataKeyDoc[] = [];
    const first = new PgDataKeys(keys);
    first.collect(made, () => first.currentKey('record\nt1\nr1'));
    const [gen1] = made.splice(0) as [DataKeyDoc];
    // After a rotation another scope's key is at generation 2, so a new key of r1 is too.
    const rotated = new PgDataKeys(keys);
    await load(rotated, [gen1, { ...gen1, id: 'dk-other', scope: 'record\nt1\nr9', gen: 2 }]);
    rotated.collect(made, () => rotated.currentKey('record\nt1\nr1'));
    const [gen2] = made.splice(0) as [DataKeyDoc];
    expect(gen2.gen).toBe(2);

    const ring = new PgDataKeys(keys);
    await load(ring, [gen2, gen1]);
    const fresh: DataKeyDoc[] = [];
    expect(ring.collect(fresh, () => ring.currentKey('record\nt1\nr1')).kid).toBe(gen2.id);
    // A scope without a key of the current generation gets a new one, at that generation.
    const next = ring.collect(fresh, () => ring.currentKey('t1\n/phone'));
    expect(fresh.map((d) => [d.id, d.gen])).toEqual([[next.kid, 2]]);
  });

  it('creates a key only inside a unit of work', () => {
    const ring = new PgDataKeys(keyMaterial());
    expect(() => ring.currentKey('t1\n/phone')).toThrow(/inside a commit/);
  });
});
