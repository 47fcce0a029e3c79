import type { VeilRecord } from '@veil/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, startHarness } from './apiHarness.js';

const T = 'b2b-follow-up';
const CLOSED = ['won', 'lost'];
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 60 } });
});
afterAll(async () => {
  await h?.close();
});

async function all(): Promise<VeilRecord[]> {
  return (await h.server.store.queryRecords(T, { scope: { kind: 'all' }, limit: 1000 })).records;
}

describe('issue: the due list', () => {
  it('leaves closed deals out for those who read the stage, and still lists the open ones', async () => {
    const manager = await h.as('manager');
    const due = await manager.records.dueToday.query({ templateId: T });
    expect(due.available).toBe(true);
    const records = await all();
    const dueClosed = records.filter(
      (r) => String(r.data.nextContactAt) <= due.today && CLOSED.includes(String(r.data.stage)),
    );
    const dueOpen = records.filter(
      (r) => String(r.data.nextContactAt) <= due.today && !CLOSED.includes(String(r.data.stage)),
    );
    // The seed has due records of both kinds, so the check below means something.
    expect(dueClosed.length).toBeGreaterThan(0);
    expect(dueOpen.length).toBeGreaterThan(0);
    expect(due.rows.length).toBeGreaterThan(0);
    for (const row of due.rows) expect(CLOSED).not.toContain(row.data.stage);
    const ids = new Set(due.rows.map((r) => r.id));
    for (const record of dueClosed) expect(ids.has(record.id)).toBe(false);
  });

  it('offers no due list to a role that may not read what it is built on, and filters nothing for it', async () => {
    const partner = await h.as('partner');
    const due = await partner.records.dueToday.query({ templateId: T });
    expect(due).toMatchObject({ available: false, rows: [] });
  });

  it('snoozing and marking done are ordinary checked writes of the due date', async () => {
    const rep = await h.as('rep-a');
    const mine = (await all()).find((r) => r.data.ownerId === 'user-rep-a')!;
    const snoozed = await rep.records.update.mutate({
      templateId: T,
      id: mine.id,
      version: mine.version,
      changes: [{ pointer: '/nextContactAt', value: '2099-01-01' }],
    });
    expect(snoozed.record?.data.nextContactAt).toBe('2099-01-01');
    const cleared = await rep.records.update.mutate({
      templateId: T,
      id: mine.id,
      version: mine.version + 1,
      changes: [{ pointer: '/nextContactAt', value: null }],
    });
    expect(cleared.record?.data.nextContactAt ?? null).toBeNull();
    const colleague = await h.as('rep-b');
    const refused = await failure(
      colleague.records.update.mutate({
        templateId: T,
        id: mine.id,
        version: mine.version + 2,
        changes: [{ pointer: '/nextContactAt', value: '2099-02-01' }],
      }),
    );
    expect(refused.code).not.toBe('UNKNOWN');
  });
});
