import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../src/index.js';
import { RECORD_KEYS_FILE } from '../src/keys/recordKeyFile.js';
import { audit, FIELDS, record, TEMPLATE, templateOf } from '../src/testing/contract/contractKit.js';

/**
 * Decision 290: each record of a template that names data subjects is sealed under a key of
 * its own, kept in the keys folder. Erasing the record destroys the key, so a data backup made
 * before the erasure, restored with the current keys, no longer decrypts that person's values
 * while everyone else's still do.
 */
const ERASED = { notes: 'CANARY-SHRED-NOTE-a81', phone: '13988887777' };
const KEPT = { notes: 'kept note of another person', phone: '13911112222' };

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function opened() {
  const root = await mkdtemp(join(tmpdir(), 'veil-shred-'));
  roots.push(root);
  const paths = {
    dataDir: join(root, 'data'),
    keysDir: join(root, 'keys'),
    backup: join(root, 'before.json'),
  };
  return { paths, store: await openLowdbStore(paths) };
}

const data = (who: typeof ERASED, name: string) => ({
  owner: 'u1',
  name,
  notes: who.notes,
  contacts: [{ _id: `k-${name}`, name, phone: who.phone }],
});

describe('crypto-shredding reaches backups made before an erasure', () => {
  it('a restored old backup decrypts everyone but the erased person', async () => {
    const { paths, store } = await opened();
    await store.registerTemplate(templateOf(1, FIELDS, ['/name']));
    await store.createRecord({
      record: record('erased', data(ERASED, 'Erased')),
      audit: audit('c', 'erased'),
    });
    await store.createRecord({ record: record('kept', data(KEPT, 'Kept')), audit: audit('c', 'kept') });
    await store.exportBackup(paths.backup);
    // The backup holds the erased person's values, encrypted (never in clear).
    const backup = await readFile(paths.backup, 'utf8');
    expect(backup).not.toContain(ERASED.notes);
    expect(backup).toContain('"$enc"');
    const keyLinesBefore = (await readFile(join(paths.keysDir, RECORD_KEYS_FILE), 'utf8')).trim().split('\n');

    await store.commit({
      steps: [{ kind: 'deleteRecord', templateId: TEMPLATE, id: 'erased', erase: true }],
      audit: [audit('subject.erase.record', 'ref-erased')],
    });
    const keyLinesAfter = (await readFile(join(paths.keysDir, RECORD_KEYS_FILE), 'utf8')).trim().split('\n');
    // The key material is gone from the keys folder: only a tombstone (the key id) remains.
    const keyOf = (lines: string[]) => lines.map((l) => JSON.parse(l) as { k?: string; ct?: string });
    expect(keyOf(keyLinesAfter).filter((l) => l.ct !== undefined)).toHaveLength(
      keyOf(keyLinesBefore).filter((l) => l.ct !== undefined).length - 1,
    );

    await store.importBackup(paths.backup);
    const restored = await store.getRecord(TEMPLATE, 'erased');
    expect(restored?.data.notes).toBeNull();
    expect(((restored?.data.contacts ?? []) as { phone: unknown }[])[0]?.phone).toBeNull();
    expect(JSON.stringify(restored)).not.toContain(ERASED.phone);
    const kept = await store.getRecord(TEMPLATE, 'kept');
    expect(kept?.data.notes).toBe(KEPT.notes);
    expect(((kept?.data.contacts ?? []) as { phone: unknown }[])[0]?.phone).toBe(KEPT.phone);
    await store.close();

    // A fresh process with the same keys folder: still shredded, still everyone else readable.
    const again = await openLowdbStore(paths);
    expect((await again.getRecord(TEMPLATE, 'erased'))?.data.notes).toBeNull();
    expect((await again.getRecord(TEMPLATE, 'kept'))?.data.notes).toBe(KEPT.notes);
    // Erasing the restored shell again completes the erasure.
    await again.deleteRecord({ templateId: TEMPLATE, id: 'erased', erase: true, audit: audit('e', 'x') });
    expect(await again.getRecord(TEMPLATE, 'erased')).toBeUndefined();
    await again.close();
  });

  it('without erasure the same restore decrypts everyone (the test would see a broken key)', async () => {
    const { paths, store } = await opened();
    await store.registerTemplate(templateOf(1, FIELDS, ['/name']));
    await store.createRecord({
      record: record('erased', data(ERASED, 'Erased')),
      audit: audit('c', 'erased'),
    });
    await store.exportBackup(paths.backup);
    await store.deleteRecord({ templateId: TEMPLATE, id: 'erased', audit: audit('d', 'erased') });
    await store.importBackup(paths.backup);
    expect((await store.getRecord(TEMPLATE, 'erased'))?.data.notes).toBe(ERASED.notes);
    await store.close();
  });

  it('record keys survive a master-key rotation', async () => {
    const { paths, store } = await opened();
    await store.registerTemplate(templateOf(1, FIELDS, ['/name']));
    await store.createRecord({ record: record('kept', data(KEPT, 'Kept')), audit: audit('c', 'kept') });
    await store.rotateKeys();
    await store.close();
    const again = await openLowdbStore(paths);
    expect((await again.getRecord(TEMPLATE, 'kept'))?.data.notes).toBe(KEPT.notes);
    await again.close();
  });
});
