import { whoRead } from '@veil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './apiHarness.js';

const T = 'b2b-follow-up';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 60 } });
});
afterAll(async () => {
  await h?.close();
});

async function lastEntry(action: string) {
  const page = await h.server.store.listAudit({ action, limit: 1 });
  const entry = page.entries[0];
  if (!entry) throw new Error(`no ${action} entry`);
  return entry;
}

describe('read audit entries stay small (issue 10)', () => {
  it('a list of 50 writes an entry of at most 1 KB that carries the hash and counts of its read set', async () => {
    const admin = await h.as('admin');
    const page = await admin.records.list.query({ templateId: T, limit: 50 });
    expect(page.rows).toHaveLength(50);
    const entry = await lastEntry('record.list');
    expect(Buffer.byteLength(JSON.stringify(entry))).toBeLessThanOrEqual(1024);
    const details = entry.details as {
      readSet: { id: string; hash: string };
      counts: { records: number; fields: Record<string, number> };
    };
    expect(details.counts.records).toBe(50);
    const firstId = page.rows[0]?.id as string;
    const sets = await h.server.store.listReadSets({ templateId: T, recordId: firstId });
    const set = sets.find((s) => s.id === details.readSet.id);
    expect(set?.hash).toBe(details.readSet.hash);
    expect(set?.records.map((r) => r.id)).toEqual(page.rows.map((r) => r.id));
    const fieldCount = set?.records.reduce((n, r) => n + r.fields.length, 0);
    expect(Object.values(details.counts.fields).reduce((a, b) => a + b, 0)).toBe(fieldCount);
  });

  it('answers who saw a customer’s mobile in full, and when', async () => {
    const manager = await h.as('manager');
    const repA = await h.as('rep-a');
    const { rows } = await repA.records.list.query({ templateId: T, limit: 50 });
    // A colleague's customer: the rep reads its mobile masked, their manager in full.
    const target = rows.find((r) => r.relation === 'team')?.id as string;
    expect(target).toBeDefined();
    await repA.records.get.query({ templateId: T, id: target });
    await manager.records.get.query({ templateId: T, id: target });
    const full = await whoRead(h.server.store, {
      templateId: T,
      recordId: target,
      path: '/contacts/*/mobile',
      access: 'full',
    });
    expect([...new Set(full.map((r) => r.actor))]).toEqual(['user-manager']);
    expect(full[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const any = await whoRead(h.server.store, {
      templateId: T,
      recordId: target,
      path: '/contacts/*/mobile',
    });
    expect(any.map((r) => r.actor)).toContain('user-rep-a');
    expect(any.filter((r) => r.actor === 'user-rep-a').every((r) => r.access !== 'full')).toBe(true);
  });
});
