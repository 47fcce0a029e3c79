import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './api/apiHarness.js';

// The leaver guard (issue 14): deactivating a user voids their live exports and share links in
// the same audited step; a user reading or exporting past the workspace's limits is refused with a
// clear message and their manager is alerted (in the app and in the audit log).

const B2B = 'b2b-follow-up';
const BRIEF = 'partner-brief';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const READS_PER_HOUR = 10;
const EXPORT_ROWS_PER_DAY = 40;

const brief = {
  id: BRIEF,
  version: 1,
  title: 'Partner brief',
  owner: '/ownerId',
  schema: {
    type: 'object',
    title: 'Partner brief',
    required: ['company'],
    properties: {
      ownerId: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
      company: {
        type: 'string',
        title: 'Company',
        'x-privacy': { level: 'internal', access: { external: 'full' } },
      },
    },
  },
};

let h: Harness;
let offset = 0;
let admin: ApiClient;
let manager: ApiClient;

beforeAll(async () => {
  h = await startHarness({
    seed: { customers: 24 },
    // Start at the top of an hour, so the hours below are whole hours of the meter.
    now: () => new Date(Math.ceil(Date.now() / HOUR) * HOUR + offset),
    config: {
      loginDelayMs: () => 0,
      sessionIdleMs: 30 * DAY,
      sessionAbsoluteMs: 30 * DAY,
      readsPerHourLimit: READS_PER_HOUR,
      exportRowsPerDayLimit: EXPORT_ROWS_PER_DAY,
    },
  });
  admin = await h.as('admin');
  manager = await h.as('manager');
  await admin.templates.saveDraft.mutate({ template: brief as never });
  await admin.templates.publish.mutate({ templateId: BRIEF });
});
afterAll(async () => {
  await h?.close();
});

async function auditOf(action: string, target: string) {
  return (await h.server.store.listAudit({ action, target, limit: 100 })).entries;
}

async function ownRecordOf(client: ApiClient, userId: string): Promise<string> {
  const page = await client.records.list.query({
    templateId: B2B,
    filters: [{ field: '/ownerId', op: 'eq', value: userId }],
    limit: 1,
  } as never);
  return (page.rows[0] as { id: string }).id;
}

describe('issue: the leaver guard', () => {
  it('deactivation voids the leaver’s pending and approved exports and revokes their live links, in one audited step', async () => {
    const repC = await h.as('rep-c');
    const pending = await repC.exports.request.mutate({
      templateId: B2B,
      columns: ['/company'],
      purpose: 'contact',
      format: 'csv',
    });
    expect(pending.status).toBe('approved');
    const made = await repC.records.create.mutate({
      templateId: BRIEF,
      changes: [{ pointer: '/company', value: 'Leaver Trading' }],
    });
    const share = await repC.shares.create.mutate({
      templateId: BRIEF,
      recordIds: [made.record!.id],
      fields: ['/company'],
      recipientLabel: 'Partner',
      purpose: 'contact',
    });
    expect((await fetch(`${h.server.url}${share.path}`)).status).toBe(200);

    const result = await admin.users.deactivate.mutate({ userId: 'user-rep-c', successorId: 'user-rep-b' });
    expect(result).toMatchObject({ exportsVoided: 1, sharesRevoked: 1 });
    expect((await h.server.store.getDoc('exports', pending.id))!.status).toBe('void');
    expect((await fetch(`${h.server.url}${share.path}`)).status).toBe(410);
    expect((await auditOf('user.deactivate', 'user-rep-c'))[0]!.details).toMatchObject({
      exportsVoided: 1,
      sharesRevoked: 1,
    });
    expect((await fetch(`${h.server.url}/exports/${pending.id}/file`)).status).not.toBe(200);
  });

  it('past the records-per-hour limit a read is refused, and the manager is alerted once, with counts only', async () => {
    const repA = await h.as('rep-a');
    const repB = await h.as('rep-b');
    const id = await ownRecordOf(repA, 'user-rep-a');
    for (let i = 0; i < READS_PER_HOUR; i++) await repA.records.get.query({ templateId: B2B, id });
    expect(await manager.alerts.mine.query()).toEqual([]);

    const refused = await failure(repA.records.get.query({ templateId: B2B, id }));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toContain(`${READS_PER_HOUR} records`);
    expect(refused.message).toContain('manager');
    // A second refusal in the same hour alerts nobody again.
    expect((await failure(repA.records.get.query({ templateId: B2B, id }))).code).toBe('TOO_MANY_REQUESTS');

    const alerts = await manager.alerts.mine.query();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'read-limit',
      about: 'user-rep-a',
      aboutName: '业务员甲（演示）',
      details: { limit: READS_PER_HOUR, window: 'hour' },
    });
    // Nobody else hears of it: not the reader, not a teammate.
    expect(await repA.alerts.mine.query()).toEqual([]);
    expect(await repB.alerts.mine.query()).toEqual([]);
    const raised = await auditOf('alert.raise', 'user-rep-a');
    expect(raised).toHaveLength(1);
    expect(raised[0]!.details).toMatchObject({ kind: 'read-limit', notified: ['user-manager'] });
    // The alert and its audit entry hold counts, never what was read.
    const record = (await h.server.store.getRecord(B2B, id))!;
    const text = JSON.stringify([alerts, raised]);
    expect(text).not.toContain(String(record.data.company));

    // The next hour, reading works again.
    offset += HOUR;
    await repA.records.get.query({ templateId: B2B, id });
  });

  it('reading above 80% of the limit for three hours running alerts the manager', async () => {
    offset += HOUR;
    const repB = await h.as('rep-b');
    const id = await ownRecordOf(repB, 'user-rep-b');
    const near = Math.ceil(0.8 * READS_PER_HOUR);
    const sustained = async () =>
      (await manager.alerts.mine.query()).filter(
        (a) => a.kind === 'read-sustained' && a.about === 'user-rep-b',
      );
    for (let hour = 0; hour < 3; hour++) {
      if (hour > 0) offset += HOUR;
      for (let i = 0; i < near; i++) await repB.records.get.query({ templateId: B2B, id });
      expect(await sustained(), `after hour ${hour + 1}`).toHaveLength(hour < 2 ? 0 : 1);
    }
    // An hour below 80% breaks the run: the next heavy hours start counting again.
    offset += HOUR;
    await repB.records.get.query({ templateId: B2B, id });
    offset += HOUR;
    for (let i = 0; i < near; i++) await repB.records.get.query({ templateId: B2B, id });
    expect(await sustained()).toHaveLength(1);
  });

  it('past the export rows per day a request is refused, and the manager is alerted', async () => {
    const repB = await h.as('rep-b');
    const ask = { templateId: B2B, columns: ['/company'], purpose: 'contact', format: 'csv' as const };
    const rows = (await repB.exports.preview.query(ask)).rowCount;
    expect(rows).toBeGreaterThan(0);
    let requested = 0;
    let refused: Awaited<ReturnType<typeof failure>> | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      try {
        requested += (await repB.exports.request.mutate(ask)).rowCount;
      } catch {
        refused = await failure(repB.exports.request.mutate(ask));
      }
    }
    expect(requested).toBeLessThanOrEqual(EXPORT_ROWS_PER_DAY);
    expect(requested + rows).toBeGreaterThan(EXPORT_ROWS_PER_DAY);
    expect(refused!.code).toBe('TOO_MANY_REQUESTS');
    expect(refused!.message).toContain(`${EXPORT_ROWS_PER_DAY} rows in 24 hours`);
    const alerts = (await manager.alerts.mine.query()).filter((a) => a.kind === 'export-limit');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      about: 'user-rep-b',
      details: { limit: EXPORT_ROWS_PER_DAY, window: 'day' },
    });
    // A day later the allowance is back (the clock stands still within an hour here).
    offset += DAY + HOUR;
    expect((await repB.exports.request.mutate(ask)).rowCount).toBe(rows);
  });
});
