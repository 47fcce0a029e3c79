import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SanitizedTemplate } from '@veil/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyring, KEY_FILES, normalizeExact, openLowdbStore } from '../src/index.js';
import template from './fixtures/followupTemplate.json' with { type: 'json' };

const root = await mkdtemp(join(tmpdir(), 'veil-canary-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push(path);
  }
  return out;
}

/** The canary as plain text, base64, hex and \u-escaped JSON. */
function encodings(canary: string): string[] {
  const bytes = Buffer.from(canary, 'utf8');
  const escaped = [...canary].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  return [
    canary,
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url').replace(/=+$/, ''),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    escaped,
    escaped.toUpperCase().replace(/\\U/g, '\\u'),
  ];
}

const CANARIES = {
  name: '金丝雀张三CANARYNAME',
  phone: '13912345678',
  notes: 'CANARY-NOTE-secret-deal',
  contactPhone: '13787654321',
  tag: 'CANARYTAG-vip',
  updated: '13700000001',
  reason: 'CANARY-REASON-boss-asked',
};

describe('nothing personal at rest', () => {
  it('finds no canary in the data folder or the backup after writes, updates, reveals, audit, backup and rotation', async () => {
    const dataDir = join(root, 'data');
    const keysDir = join(root, 'keys');
    const store = await openLowdbStore({ dataDir, keysDir });
    await store.registerTemplate(template as unknown as SanitizedTemplate);
    const record = (version: number, phone: string) => ({
      id: 'r1',
      templateId: 'followup',
      templateVersion: 1,
      version,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      data: {
        owner: 'u1',
        name: CANARIES.name,
        phone,
        stage: 'lead',
        notes: CANARIES.notes,
        contacts: [{ _id: 'c1', name: 'Li', phone: CANARIES.contactPhone }],
        tags: [CANARIES.tag],
      },
    });
    const keyring = createKeyring(store.keys);
    await store.createRecord({
      record: record(1, CANARIES.phone),
      audit: { actor: 'u1', action: 'record.create', target: keyring.auditRef('r1'), details: {} },
    });
    await store.updateRecord({
      record: record(2, CANARIES.updated),
      expectedVersion: 1,
      audit: { actor: 'u1', action: 'record.update', target: 'r1', details: { paths: [['phone']] } },
    });
    const reasonId = await store.putNote(CANARIES.reason);
    await store.appendAudit({
      actor: 'u1',
      action: 'record.reveal',
      target: 'r1',
      details: { pointer: '/phone', reasonId },
    });
    await store.putDoc('revealGrants', {
      id: 'g1',
      userId: 'u1',
      templateId: 'followup',
      recordId: 'r1',
      pointer: '/phone',
      reasonId,
      grantedAt: 'x',
      expiresAt: 'y',
    });

    // Still usable: decrypted reads, history, blind-index match on a normalised value, inside arrays too.
    expect((await store.getRecord('followup', 'r1'))?.data.phone).toBe(CANARIES.updated);
    expect((await store.listRecordVersions('followup', 'r1'))[0]?.data.phone).toBe(CANARIES.phone);
    const byPhone = await store.queryRecords('followup', {
      match: [{ field: '/phone', value: normalizeExact('+86 137-0000-0001') }],
    });
    expect(byPhone.records.map((r) => r.id)).toEqual(['r1']);
    const byContact = await store.queryRecords('followup', {
      match: [{ field: '/contacts/*/phone', value: CANARIES.contactPhone }],
    });
    expect(byContact.total).toBe(1);
    expect(
      (await store.queryRecords('followup', { match: [{ field: '/phone', value: CANARIES.phone }] })).total,
    ).toBe(0);

    const backupPath = join(root, 'backup.json');
    await store.exportBackup(backupPath);
    const rotation = await store.rotateKeys();
    expect(rotation.reencrypted).toBeGreaterThan(0);
    expect(await store.getNote(reasonId)).toBe(CANARIES.reason);
    expect((await store.getRecord('followup', 'r1'))?.data.contacts).toEqual([
      { _id: 'c1', name: 'Li', phone: CANARIES.contactPhone },
    ]);
    await store.exportBackup(join(root, 'backup-after-rotation.json'));
    expect(await store.verifyAudit()).toMatchObject({ ok: true });
    await store.close();

    const files = [...(await allFiles(dataDir)), backupPath, join(root, 'backup-after-rotation.json')];
    expect(files.length).toBeGreaterThan(5);
    const keyFiles = await allFiles(keysDir);
    const secrets = await Promise.all(keyFiles.map((f) => readFile(f, 'utf8')));
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1') + (await readFile(file)).toString('utf8');
      for (const canary of Object.values(CANARIES)) {
        for (const form of encodings(canary))
          expect(text.includes(form), `${canary} as ${form} in ${file}`).toBe(false);
      }
      for (const secret of secrets) {
        for (const line of secret.split('\n').filter((l) => l.length > 40 && !l.startsWith('-----'))) {
          expect(text.includes(line), `key material in ${file}`).toBe(false);
        }
      }
    }
    // Reopen after rotation: the old master key is gone, everything still decrypts.
    const reopened = await openLowdbStore({ dataDir, keysDir });
    expect((await reopened.getRecord('followup', 'r1'))?.data.name).toBe(CANARIES.name);
    await reopened.close();
  });

  it('keeps key files outside the data folder, with modes 0700/0600, and refuses a keys folder inside it', async () => {
    const dataDir = join(root, 'd2');
    const keysDir = join(root, 'k2');
    const store = await openLowdbStore({ dataDir, keysDir });
    await store.close();
    const names = new Set((await allFiles(dataDir)).map((f) => f.split('/').pop()));
    for (const name of Object.values(KEY_FILES)) {
      expect(names.has(name)).toBe(false);
      expect(existsSync(join(keysDir, name))).toBe(true);
      expect((await stat(join(keysDir, name))).mode & 0o777).toBe(0o600);
    }
    expect((await stat(keysDir)).mode & 0o777).toBe(0o700);
    await expect(openLowdbStore({ dataDir, keysDir: join(dataDir, 'keys') })).rejects.toMatchObject({
      code: 'CONFIG',
    });
  });
});
