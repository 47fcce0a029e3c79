import type { VeilRecord } from '@veil/policy';
import type { AuditEntry } from '@veil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './apiHarness.js';

const T = 'b2b-follow-up';
let h: Harness;
let repA: ApiClient;
let repC: ApiClient;
let manager: ApiClient;
let partner: ApiClient;

// Seeded owners cycle over [rep-a, rep-b, rep-c, rep-a, rep-b, rep-c, manager] by index % 7.
const OF_REP_B = 'demo-001';
const OF_REP_C = 'demo-002';
const OF_REP_A = 'demo-003';

beforeAll(async () => {
  h = await startHarness();
  repA = await h.as('rep-a');
  repC = await h.as('rep-c');
  manager = await h.as('manager');
  partner = await h.as('partner');
});
afterAll(async () => {
  await h?.close();
});

async function stored(id: string): Promise<VeilRecord> {
  const record = await h.server.store.getRecord(T, id);
  if (!record) throw new Error(`no ${id}`);
  return record;
}

/** Every string value of a record's personal fields: none may appear in an audit entry. */
function personalValues(record: VeilRecord): string[] {
  const contacts = (record.data.contacts ?? []) as Record<string, string>[];
  const notes = ((record.data.followUps ?? []) as Record<string, string>[]).map((f) => f.notes ?? '');
  return [
    ...contacts.flatMap((c) => [c.name, c.mobile, c.email].filter((v): v is string => typeof v === 'string')),
    ...notes.filter((n) => n.length > 0),
    String(record.data.dealSize),
  ];
}

async function lastAudit(action: string, target?: string): Promise<AuditEntry> {
  const all: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await h.server.store.listAudit({
      action,
      ...(target ? { target } : {}),
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const entry = all.sort((a, b) => a.seq - b.seq).at(-1);
  if (!entry) throw new Error(`no audit entry ${action}`);
  return entry;
}

function expectNoValues(entry: AuditEntry, values: string[]): void {
  const text = JSON.stringify(entry);
  for (const value of values) expect(text).not.toContain(value);
}

describe('records: scope and projection', () => {
  it("another department's customer does not exist (NOT_FOUND), and no read is logged as a hit", async () => {
    const error = await failure(repA.records.get.query({ templateId: T, id: OF_REP_C }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).not.toContain(OF_REP_C.slice(0, 0) || 'rep-c');
  });

  it("a colleague's customer is masked; one's own is full; the read is audited without values", async () => {
    const record = await stored(OF_REP_B);
    const colleague = await repA.records.get.query({ templateId: T, id: OF_REP_B });
    expect(colleague.relation).toBe('team');
    expect(colleague.masked.length).toBeGreaterThan(0);
    const text = JSON.stringify(colleague);
    for (const value of personalValues(record)) expect(text).not.toContain(value);
    const entry = await lastAudit('record.read', OF_REP_B);
    expect(entry.actor).toBe('user-rep-a');
    expectNoValues(entry, personalValues(record));

    const own = await stored(OF_REP_A);
    const mine = await repA.records.get.query({ templateId: T, id: OF_REP_A });
    expect(mine.relation).toBe('owner');
    const firstContact = (own.data.contacts as Record<string, string>[])[0]!;
    expect(JSON.stringify(mine.data)).toContain(firstContact.mobile);
  });

  it('the manager reads the whole Sales tree in full; the partner sees nothing', async () => {
    const rec = await stored(OF_REP_C);
    const seen = await manager.records.get.query({ templateId: T, id: OF_REP_C });
    expect(seen.relation).toBe('team');
    expect(seen.data.dealSize).toBe(rec.data.dealSize);
    expect((await failure(partner.records.get.query({ templateId: T, id: OF_REP_C }))).code).toBe(
      'NOT_FOUND',
    );
    const list = await partner.records.list.query({ templateId: T });
    expect(list.rows).toHaveLength(0);
  });

  it('a list holds only rows in scope and is audited', async () => {
    const list = await repC.records.list.query({ templateId: T, limit: 100 });
    const owners = new Set(list.rows.map((r) => r.data.ownerId));
    expect([...owners]).toEqual(['user-rep-c']);
    const entry = await lastAudit('record.list');
    expect(entry.actor).toBe('user-rep-c');
  });

  it('cursor pagination walks every row once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await manager.records.list.query({
        templateId: T,
        limit: 5,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(24);
  });
});

describe('records: queries', () => {
  it('a masked field in a filter, sort, search or group-by is refused with the field named', async () => {
    const filter = await failure(
      repA.records.list.query({ templateId: T, filters: [{ field: '/dealSize', op: 'gt', value: 1 }] }),
    );
    expect(filter.code).toBe('BAD_REQUEST');
    expect(filter.veilCode).toBe('query-refused');
    // Named by its title in the viewer's language (issue 13); the pointer stays in the issues.
    expect(filter.message).toContain('预计成交金额');
    expect(filter.message).not.toContain('/dealSize');
    expect(filter.issues.map((i) => i.path)).toEqual(['/dealSize']);
    const sort = await failure(
      repA.records.list.query({ templateId: T, sort: [{ field: '/contacts/*/name', dir: 'asc' }] }),
    );
    expect(sort.issues.map((i) => i.path)).toEqual(['/contacts/*/name']);
    const search = await failure(
      repA.records.list.query({ templateId: T, search: { text: '演示', fields: ['/contacts/*/name'] } }),
    );
    expect(search.veilCode).toBe('query-refused');
    const group = await failure(repA.records.list.query({ templateId: T, groupBy: ['/dealSize'] }));
    expect(group.veilCode).toBe('query-refused');
  });

  it('allowed filters, sorts, searches and group-bys answer', async () => {
    const won = await repA.records.list.query({
      templateId: T,
      filters: [{ field: '/stage', op: 'eq', value: 'won' }],
    });
    for (const row of won.rows) expect(row.data.stage).toBe('won');
    const searched = await manager.records.list.query({
      templateId: T,
      search: { text: '演示客户 003', fields: ['/company'] },
    });
    expect(searched.rows.map((r) => r.id)).toEqual([OF_REP_A]);
    const grouped = await manager.records.list.query({ templateId: T, groupBy: ['/stage'] });
    expect(grouped.groups?.reduce((sum, g) => sum + g.count, 0)).toBe(24);
  });

  it('a blind-index match finds only rows whose field the viewer reads in full', async () => {
    const mobile = ((await stored(OF_REP_B)).data.contacts as Record<string, string>[])[0]!.mobile!;
    const byManager = await manager.records.list.query({
      templateId: T,
      match: [{ field: '/contacts/*/mobile', value: mobile }],
    });
    expect(byManager.rows.map((r) => r.id)).toEqual([OF_REP_B]);
    const byColleague = await repA.records.list.query({
      templateId: T,
      match: [{ field: '/contacts/*/mobile', value: mobile }],
    });
    expect(byColleague.rows).toHaveLength(0);
  });

  it('dueToday lists due records in scope', async () => {
    const due = await repA.records.dueToday.query({ templateId: T });
    expect(due.rows.length).toBeGreaterThan(0);
    for (const row of due.rows) {
      expect(String(row.data.nextContactAt) <= due.today).toBe(true);
      expect(row.data.ownerId === 'user-rep-a' || row.data.ownerId === 'user-rep-b').toBe(true);
    }
    expect((await lastAudit('record.due-today')).actor).toBe('user-rep-a');
  });
});

describe('records: writes', () => {
  it('creates a record owned by the writer, with server item ids, PII reported, audited without values', async () => {
    const created = await repA.records.create.mutate({
      templateId: T,
      changes: [
        { pointer: '/company', value: 'Canary Create Co.' },
        { pointer: '/stage', value: 'lead' },
        { pointer: '/contacts/new:1/name', value: '创建测试' },
        { pointer: '/contacts/new:1/mobile', value: '13900001234' },
        { pointer: '/followUps/new:a/at', value: '2026-01-02' },
        { pointer: '/followUps/new:a/channel', value: 'phone' },
        { pointer: '/followUps/new:a/notes', value: '客户留了电话 13912345678 请回电' },
      ],
    });
    const record = created.record!;
    expect(record.data.ownerId).toBe('user-rep-a');
    const serverId = created.assignedIds['new:1']!;
    expect(serverId).toBeTruthy();
    expect(serverId.startsWith('new:')).toBe(false);
    expect(created.pii).toHaveLength(1);
    expect(created.pii[0]!.spans[0]!.type).toContain('mobile');
    expect(JSON.stringify(created.pii)).not.toContain('13912345678');
    const entry = await lastAudit('record.create', record.id);
    expectNoValues(entry, ['创建测试', '13900001234', '13912345678', 'Canary Create Co.']);

    // A colleague on the team reads the notes field in full (internal-level? no: confidential) — either masked or starred.
    const colleague = await (await h.as('rep-b')).records.get.query({ templateId: T, id: record.id });
    expect(JSON.stringify(colleague)).not.toContain('13912345678');
  });

  it('updates only the changed leaves; the patch paths reach the audit log; the version bumps', async () => {
    const before = await stored(OF_REP_A);
    const result = await repA.records.update.mutate({
      templateId: T,
      id: OF_REP_A,
      version: before.version,
      changes: [{ pointer: '/stage', value: 'proposal' }],
    });
    expect(result.record?.version).toBe(before.version + 1);
    expect(result.record?.data.stage).toBe('proposal');
    const entry = await lastAudit('record.update', OF_REP_A);
    expect(JSON.stringify(entry.details)).toContain('/stage');
    expectNoValues(entry, personalValues(before));
    const stale = await failure(
      repA.records.update.mutate({
        templateId: T,
        id: OF_REP_A,
        version: before.version,
        changes: [{ pointer: '/stage', value: 'won' }],
      }),
    );
    expect(stale.code).toBe('CONFLICT');
  });

  it('refuses setting the owner field, a masked field, a read-only field and a hidden field', async () => {
    const mine = await stored(OF_REP_A);
    const owner = await failure(
      repA.records.update.mutate({
        templateId: T,
        id: OF_REP_A,
        version: mine.version,
        changes: [{ pointer: '/ownerId', value: 'user-rep-a' }],
      }),
    );
    expect(owner.issues).toEqual([expect.objectContaining({ path: '/ownerId', code: 'owner-field' })]);
    const theirs = await stored(OF_REP_B);
    const masked = await failure(
      repA.records.update.mutate({
        templateId: T,
        id: OF_REP_B,
        version: theirs.version,
        changes: [{ pointer: '/dealSize', value: 1 }],
      }),
    );
    expect(masked.issues[0]?.code).toBe('masked');
    const readOnly = await failure(
      repA.records.update.mutate({
        templateId: T,
        id: OF_REP_B,
        version: theirs.version,
        changes: [{ pointer: '/stage', value: 'won' }],
      }),
    );
    expect(readOnly.issues[0]?.code).toBe('read-only');
    const hidden = await failure(
      partner.records.create.mutate({ templateId: T, changes: [{ pointer: '/company', value: 'x' }] }),
    );
    expect(hidden.code).toBe('FORBIDDEN');
    expect(hidden.issues[0]?.code).toBe('hidden');
    expect((await stored(OF_REP_B)).version).toBe(theirs.version);
  });

  it('an invalid value is refused with a message that holds no value', async () => {
    const mine = await stored(OF_REP_A);
    const contact = (mine.data.contacts as Record<string, string>[])[0]!;
    const bad = await failure(
      repA.records.update.mutate({
        templateId: T,
        id: OF_REP_A,
        version: mine.version,
        changes: [{ pointer: `/contacts/${contact._id}/mobile`, value: 'NOT-A-PHONE-CANARY' }],
      }),
    );
    expect(bad.veilCode).toBe('validation-failed');
    expect(bad.issues[0]?.path).toBe(`/contacts/${contact._id}/mobile`);
    expect(JSON.stringify(bad)).not.toContain('NOT-A-PHONE-CANARY');
  });

  it('history shows previous versions projected like the record', async () => {
    const history = await repA.records.history.query({ templateId: T, id: OF_REP_A });
    expect(history.versions.length).toBeGreaterThan(0);
    const theirs = await repA.records.history.query({ templateId: T, id: OF_REP_B });
    const record = await stored(OF_REP_B);
    for (const value of personalValues(record)) expect(JSON.stringify(theirs)).not.toContain(value);
    expect((await failure(repA.records.history.query({ templateId: T, id: OF_REP_C }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('deletes: the owner may, a colleague may not; audited', async () => {
    const created = await repA.records.create.mutate({
      templateId: T,
      changes: [
        { pointer: '/company', value: 'Delete Me Co.' },
        { pointer: '/stage', value: 'lead' },
      ],
    });
    const id = created.record!.id;
    const rb = await h.as('rep-b');
    expect((await failure(rb.records.delete.mutate({ templateId: T, id, version: 1 }))).code).toBe(
      'FORBIDDEN',
    );
    await repA.records.delete.mutate({ templateId: T, id, version: 1 });
    expect((await failure(repA.records.get.query({ templateId: T, id }))).code).toBe('NOT_FOUND');
    expect((await lastAudit('record.delete', id)).actor).toBe('user-rep-a');
  });
});
