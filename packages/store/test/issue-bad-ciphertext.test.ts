import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SanitizedTemplate } from '@veil/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_FILES, openLowdbStore, type StoreError } from '../src/index.js';
import template from './fixtures/followupTemplate.json' with { type: 'json' };

// Issue 11, defect 6: one bad ciphertext stopped the whole server at start, naming neither record
// nor file; a damaged checkpoint signing key gave a bare OpenSSL message.

const root = await mkdtemp(join(tmpdir(), 'veil-badct-'));
afterAll(() => rm(root, { recursive: true, force: true }));
let n = 0;

const record = (i: number) => ({
  id: `r${i}`,
  templateId: 'followup',
  templateVersion: 1,
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  data: { owner: 'u1', name: `Name ${i}`, phone: `1380000${String(i).padStart(4, '0')}` },
});
type Folders = { dataDir: string; keysDir: string; shardSize: number };

/** 10 records (name and phone encrypted) in one shard, the WAL cut, closed. */
async function checkpointed(): Promise<Folders> {
  n += 1;
  const options = { dataDir: join(root, `data${n}`), keysDir: join(root, `keys${n}`), shardSize: 10 };
  const store = await openLowdbStore(options);
  await store.registerTemplate(template as unknown as SanitizedTemplate);
  for (let i = 0; i < 10; i++)
    await store.createRecord({
      record: record(i),
      audit: { actor: 'u1', action: 'record.create', target: `r${i}`, details: {} },
    });
  await store.close();
  await (await openLowdbStore(options)).close();
  return options;
}
const shard = (dataDir: string) => join(dataDir, 'records', 'followup', '000000.json');

/** Flips one character of record r4's encrypted phone and fixes the shard's manifest hash. */
async function damageCiphertext(dataDir: string): Promise<void> {
  const file = JSON.parse(await readFile(shard(dataDir), 'utf8'));
  const phone = file.records.find((r: { id: string }) => r.id === 'r4').data.phone as { ct: string };
  phone.ct = (phone.ct.startsWith('A') ? 'B' : 'A') + phone.ct.slice(1);
  const text = JSON.stringify(file);
  await writeFile(shard(dataDir), text);
  const manifestPath = join(dataDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.files['records/followup/000000.json'].hash = createHash('sha256').update(text).digest('hex');
  await writeFile(manifestPath, JSON.stringify(manifest));
}

async function openError(options: Folders): Promise<StoreError> {
  try {
    await (await openLowdbStore(options)).close();
  } catch (error) {
    return error as StoreError;
  }
  throw new Error('the store opened');
}

describe('a bad ciphertext', () => {
  it('does not stop the open: its record is quarantined and named, everything else is served', async () => {
    const options = await checkpointed();
    await damageCiphertext(options.dataDir);
    const store = await openLowdbStore(options);
    try {
      expect(store.recovery.quarantined).toEqual([
        { templateId: 'followup', recordId: 'r4', file: shard(options.dataDir), reason: 'mac' },
      ]);
      await expect(store.getRecord('followup', 'r4')).rejects.toThrow(/Record r4 of template followup/);
      expect((await store.getRecord('followup', 'r5'))?.data.phone).toBe('13800000005');
      expect((await store.queryRecords('followup', { limit: 100 })).total).toBe(9);
      await expect(store.rotateKeys()).rejects.toThrow(/quarantined/);
    } finally {
      await store.close();
    }
  });

  it('in a folder from before record MACs, it is quarantined as not decrypting (after the upgrade)', async () => {
    const options = await checkpointed();
    await damageCiphertext(options.dataDir);
    await writeFile(join(options.dataDir, 'meta.json'), JSON.stringify({ format: 'veil-lowdb', version: 2 }));
    const store = await openLowdbStore(options);
    try {
      expect(store.recovery.quarantined).toEqual([
        { templateId: 'followup', recordId: 'r4', file: shard(options.dataDir), reason: 'decrypt' },
      ]);
      const report = await store.checkIntegrity();
      expect(report.problems).toEqual([
        {
          kind: 'record-decrypt',
          file: 'records/followup/000000.json',
          templateId: 'followup',
          recordId: 'r4',
        },
      ]);
      expect((await store.queryRecords('followup', { limit: 100 })).total).toBe(9);
    } finally {
      await store.close();
    }
  });
});

describe('a damaged or replaced key file is named', () => {
  it('a damaged checkpoint signing key', async () => {
    const options = await checkpointed();
    const path = join(options.keysDir, KEY_FILES.signing);
    await writeFile(
      path,
      (await readFile(path, 'utf8')).replace(/[A-Za-z]/, (c) => (c === 'Q' ? 'R' : 'Q')).slice(0, 60),
    );
    const error = await openError(options);
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain(path);
    expect(error.message).not.toMatch(/error:[0-9A-F]{8}|DECODER|openssl/i);
  });

  it('a master key that is not 32 bytes, and one that is another store’s', async () => {
    const options = await checkpointed();
    const path = join(options.keysDir, KEY_FILES.master);
    const master = JSON.parse(await readFile(path, 'utf8'));
    const kid = master.current as string;
    await writeFile(path, JSON.stringify({ current: kid, keys: { [kid]: 'c2hvcnQ=' } }));
    const short = await openError(options);
    expect(short.code).toBe('CONFIG');
    expect(short.message).toContain(path);
    await writeFile(
      path,
      JSON.stringify({ current: kid, keys: { [kid]: randomBytes(32).toString('base64') } }),
    );
    const other = await openError(options);
    expect(other.code).toBe('CONFIG');
    expect(other.message).toContain(path);
    // The first wrapped key the store opens is named: a data key, or a record key (decision 290).
    expect(other.message).toMatch(/dataKeys\.json|record-keys\.jsonl/);
  });

  it.each([KEY_FILES.blindIndex, KEY_FILES.hashMask, KEY_FILES.auditRef])(
    '%s replaced by another valid key stops the open (records are not all quarantined)',
    async (file) => {
      const options = await checkpointed();
      const path = join(options.keysDir, file);
      await writeFile(path, `${randomBytes(32).toString('base64')}\n`);
      const error = await openError(options);
      expect(error.code).toBe('CONFIG');
      expect(error.message).toContain(path);
      expect(error.message).toMatch(/not the key this data folder was written with/);
    },
  );
});
