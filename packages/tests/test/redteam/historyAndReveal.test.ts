import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, seenBy, startHarness } from '../api/apiHarness.js';
import { allAudit, B2B, leaked, NOTES_TEMPLATE, publish, storedRecord } from './redteamKit.js';

/**
 * History and reveals: old versions must not show a colleague what the current record masks, a
 * reveal opens only the current value of one field for a while, and a record moved out of the
 * scope takes its history with it.
 */

const T = NOTES_TEMPLATE.id;
const OLD_SECRET = 'S-1110001';
const NEW_SECRET = 'S-2220002';
const OLD_PHONE = '13911112222';
const NEW_PHONE = '13933334444';
const REASON = 'Customer called back asking for it';
let clock = Date.parse('2026-03-02T09:00:00Z');
let h: Harness;
let admin: ApiClient;
let repA: ApiClient;
let repB: ApiClient;
let recordId: string;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 8 }, now: () => new Date(clock) });
  admin = await h.as('admin');
  await publish(admin, NOTES_TEMPLATE);
  [repA, repB] = await Promise.all([h.as('rep-a'), h.as('rep-b')]);
  const created = await repA.records.create.mutate({
    templateId: T,
    changes: [
      { pointer: '/title', value: 'History' },
      { pointer: '/secret', value: OLD_SECRET },
      { pointer: '/notes', value: `old number ${OLD_PHONE}` },
    ],
  });
  recordId = created.record!.id;
  await repA.records.update.mutate({
    templateId: T,
    id: recordId,
    version: 1,
    changes: [
      { pointer: '/secret', value: NEW_SECRET },
      { pointer: '/notes', value: `new number ${NEW_PHONE}` },
    ],
  });
});
afterAll(async () => {
  await h?.close();
});

const ALL = [OLD_SECRET, NEW_SECRET, OLD_PHONE, NEW_PHONE];

describe('history', () => {
  it('a colleague sees old versions masked like the record; the owner sees them whole', async () => {
    const theirs = await repB.records.history.query({ templateId: T, id: recordId });
    expect(theirs.versions).toHaveLength(1);
    expect(leaked(JSON.stringify(theirs), ALL)).toEqual([]);
    const own = await repA.records.history.query({ templateId: T, id: recordId });
    expect(JSON.stringify(own)).toContain(OLD_SECRET);
  });

  it('a changed contact number of the b2b template stays masked in a colleague’s history', async () => {
    const record = await storedRecord(h, B2B, 'demo-003');
    const item = (record.data.contacts as { _id: string; mobile: string }[])[0]!;
    await repA.records.update.mutate({
      templateId: B2B,
      id: record.id,
      version: record.version,
      changes: [{ pointer: `/contacts/${item._id}/mobile`, value: '13955556666' }],
    });
    const theirs = await repB.records.history.query({ templateId: B2B, id: record.id });
    expect(leaked(JSON.stringify(theirs), [item.mobile, '13955556666'])).toEqual([]);
  });
});

describe('reveal', () => {
  it('refuses what is not revealable without storing the reason', async () => {
    const notesBefore = (await allAudit(h)).length;
    for (const pointer of ['/notes', '/title', '/nope', '/secret/x']) {
      const error = await failure(
        repB.records.reveal.mutate({ templateId: T, id: recordId, pointer, reason: REASON }),
      );
      expect(error.code, pointer).toBe('FORBIDDEN');
    }
    const b2b = await failure(
      repB.records.reveal.mutate({ templateId: B2B, id: 'demo-003', pointer: '/dealSize', reason: REASON }),
    );
    expect(b2b.code).toBe('FORBIDDEN');
    expect((await allAudit(h)).length).toBe(notesBefore);
  });

  it('opens the current value only, audits it by note id, and closes when it expires', async () => {
    const before = await repB.records.get.query({ templateId: T, id: recordId });
    expect(before.revealable).toEqual(['/secret']);
    const revealed = await repB.records.reveal.mutate({
      templateId: T,
      id: recordId,
      pointer: '/secret',
      reason: REASON,
    });
    expect(revealed.record?.data.secret).toBe(NEW_SECRET);
    expect((await repB.records.get.query({ templateId: T, id: recordId })).data.secret).toBe(NEW_SECRET);
    // The grant is for the value as it is now: old versions stay masked.
    expect(JSON.stringify(await repB.records.history.query({ templateId: T, id: recordId }))).not.toContain(
      OLD_SECRET,
    );
    const entries = await allAudit(h);
    const entry = entries.filter((e) => e.action === 'record.reveal').at(-1)!;
    expect(leaked(JSON.stringify(entries), [...ALL, REASON])).toEqual([]);
    const reasonId = (entry.details as { reveal?: { reasonId?: string } }).reveal?.reasonId;
    expect(await h.server.store.getNote(reasonId!)).toBe(REASON);

    clock += 16 * 60_000;
    const expired = await repB.records.get.query({ templateId: T, id: recordId });
    expect(expired.data.secret).not.toBe(NEW_SECRET);
    expect(expired.revealable).toEqual(['/secret']);
    const listed = await repB.records.list.query({ templateId: T });
    expect(JSON.stringify(listed)).not.toContain(NEW_SECRET);
  });

  it('a colleague never saw a value it had not revealed, in any response', async () => {
    expect(leaked(seenBy(repB).join('\n'), [OLD_SECRET, OLD_PHONE, NEW_PHONE])).toEqual([]);
  });
});

describe('a record moved out of the scope', () => {
  it('takes its history and grants with it: the former team gets NOT_FOUND', async () => {
    await admin.users.deactivate.mutate({ userId: 'user-rep-a', successorId: 'user-rep-c' });
    for (const call of [
      repB.records.get.query({ templateId: T, id: recordId }),
      repB.records.history.query({ templateId: T, id: recordId }),
      repB.records.reveal.mutate({ templateId: T, id: recordId, pointer: '/secret', reason: REASON }),
    ]) {
      expect((await failure(call)).code).toBe('NOT_FOUND');
    }
    const page = await repB.records.list.query({ templateId: T });
    expect(page.rows.map((r) => r.id)).not.toContain(recordId);
  });
});
