import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from '../api/apiHarness.js';
import { B2B, leaked, storedRecord } from './redteamKit.js';

/**
 * Filters, sorts, searches, group-bys, blind-index matches, cursors and counts as oracles on
 * fields a viewer sees masked or not at all. A refusal must come with no count; an allowed query
 * must never answer from a value the viewer could not read.
 */

// Seeded owners cycle over [rep-a, rep-b, rep-c, rep-a, rep-b, rep-c, manager] by index % 7.
const OF_REP_B = 'demo-001';
const OF_REP_A = 'demo-003';
let h: Harness;
let repA: ApiClient;
let admin: ApiClient;
let manager: ApiClient;
let partner: ApiClient;
let colleagueMobile: string;
let colleagueName: string;
let ownMobile: string;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 14 } });
  [repA, admin, manager, partner] = await Promise.all([
    h.as('rep-a'),
    h.as('admin'),
    h.as('manager'),
    h.as('partner'),
  ]);
  const colleague = (await storedRecord(h, B2B, OF_REP_B)).data.contacts as Record<string, string>[];
  colleagueMobile = colleague[0]!.mobile!;
  colleagueName = colleague[0]!.name!;
  const own = (await storedRecord(h, B2B, OF_REP_A)).data.contacts as Record<string, string>[];
  ownMobile = own[0]!.mobile!;
});
afterAll(async () => {
  await h?.close();
});

const OPS = ['eq', 'neq', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists'] as const;
const MASKED_FOR_REP = [
  '/contacts/*/mobile',
  '/contacts/*/name',
  '/contacts/*/email',
  '/dealSize',
  '/followUps/*/notes',
];

describe('a rep probing colleagues’ masked fields', () => {
  it('every filter operator on every masked field is refused, naming the field, with no count', async () => {
    const cases = MASKED_FOR_REP.flatMap((field) => OPS.map((op) => ({ field, op })));
    const errors = await Promise.all(
      cases.map(({ field, op }) => {
        const value =
          op === 'in' ? [colleagueMobile, colleagueName] : op === 'exists' ? true : colleagueMobile;
        return failure(repA.records.list.query({ templateId: B2B, filters: [{ field, op, value }] }));
      }),
    );
    errors.forEach((error, i) => {
      const { field, op } = cases[i]!;
      expect(error.veilCode, `${op} ${field}`).toBe('query-refused');
      expect(error.issues.map((issue) => issue.path)).toEqual([field]);
      expect(leaked(JSON.stringify(error), [colleagueMobile, colleagueName])).toEqual([]);
    });
  });

  it('a masked field hidden among allowed clauses still refuses the whole query', async () => {
    const error = await failure(
      repA.records.list.query({
        templateId: B2B,
        filters: [
          { field: '/stage', op: 'exists', value: true },
          { field: '/dealSize', op: 'gte', value: 1_000_000 },
        ],
        sort: [{ field: '/company', dir: 'asc' }],
      }),
    );
    expect(error.veilCode).toBe('query-refused');
    expect(error.issues.map((i) => i.path)).toEqual(['/dealSize']);
  });

  it('sort, search and group-by on masked fields are refused', async () => {
    const attempts = [
      { sort: [{ field: '/dealSize', dir: 'desc' as const }] },
      { search: { text: colleagueMobile.slice(0, 7), fields: ['/company', '/contacts/*/mobile'] } },
      { groupBy: ['/dealSize'] },
      { groupBy: ['/contacts/*/name'] },
    ];
    for (const attempt of attempts) {
      const error = await failure(repA.records.list.query({ templateId: B2B, ...attempt }));
      expect(error.veilCode, JSON.stringify(attempt)).toBe('query-refused');
    }
  });

  it('pointers that dodge the schema path (index, container, escapes, trailing slash) are refused, not answered', async () => {
    for (const field of [
      '/contacts/0/mobile',
      '/contacts',
      '/contacts/*',
      '/contacts/*/mobile/',
      '/contacts~1*~1mobile',
      '/__proto__',
    ]) {
      const error = await failure(
        repA.records.list.query({ templateId: B2B, filters: [{ field, op: 'exists', value: true }] }),
      );
      expect(error.veilCode, field).toBe('query-refused');
    }
  });

  it('a blind-index match never confirms a colleague’s number, in any spelling; one’s own is found', async () => {
    const spaced = `+86 ${colleagueMobile.slice(0, 3)}-${colleagueMobile.slice(3, 7)}-${colleagueMobile.slice(7)}`;
    for (const value of [colleagueMobile, spaced]) {
      const page = await repA.records.list.query({
        templateId: B2B,
        match: [{ field: '/contacts/*/mobile', value }],
      });
      expect(page.total).toBe(0);
      expect(page.rows).toEqual([]);
    }
    const own = await repA.records.list.query({
      templateId: B2B,
      match: [{ field: '/contacts/*/mobile', value: ownMobile }],
    });
    expect(own.rows.map((r) => r.id)).toEqual([OF_REP_A]);
    // The manager reads the team's numbers in full, so the match may confirm it there.
    const managed = await manager.records.list.query({
      templateId: B2B,
      match: [{ field: '/contacts/*/mobile', value: colleagueMobile }],
    });
    expect(managed.rows.map((r) => r.id)).toEqual([OF_REP_B]);
  });

  it('a match on a field without a blind index (name) is refused', async () => {
    const error = await failure(
      repA.records.list.query({
        templateId: B2B,
        match: [{ field: '/contacts/*/name', value: colleagueName }],
      }),
    );
    expect(error.issues).toEqual([
      expect.objectContaining({ path: '/contacts/*/name', code: 'no-blind-index' }),
    ]);
  });

  it('counts never include rows outside the scope', async () => {
    const outside = await repA.records.list.query({
      templateId: B2B,
      filters: [{ field: '/ownerId', op: 'eq', value: 'user-rep-c' }],
    });
    expect(outside.total).toBe(0);
    const grouped = await repA.records.list.query({ templateId: B2B, groupBy: ['/ownerId'] });
    expect(grouped.groups?.map((g) => g.value).sort()).toEqual(['user-rep-a', 'user-rep-b']);
  });
});

describe('other viewers', () => {
  it('an admin (scope all) may not sort or group on confidential fields it sees masked beyond its own rows', async () => {
    expect(
      (
        await failure(
          admin.records.list.query({ templateId: B2B, sort: [{ field: '/dealSize', dir: 'asc' }] }),
        )
      ).veilCode,
    ).toBe('query-refused');
    const page = await admin.records.list.query({
      templateId: B2B,
      match: [{ field: '/contacts/*/mobile', value: colleagueMobile }],
    });
    expect(page.total).toBe(0);
  });

  it('the partner may not even filter on internal fields it cannot see, and gets no due list', async () => {
    const error = await failure(
      partner.records.list.query({
        templateId: B2B,
        filters: [{ field: '/company', op: 'contains', value: 'Demo' }],
      }),
    );
    expect(error.veilCode).toBe('query-refused');
    const due = await partner.records.dueToday.query({ templateId: B2B }).catch((e: unknown) => e);
    expect(JSON.stringify(due)).not.toMatch(/demo-0\d\d/);
  });
});

describe('cursors', () => {
  function decoded(cursor: string): string {
    return cursor.startsWith('s:') ? cursor : Buffer.from(cursor, 'base64url').toString('utf8');
  }

  it('a next-page cursor carries only values on the page it came with, for every viewer and sort', async () => {
    const cases: [ApiClient, string][] = [
      [repA, '/company'],
      [repA, '/nextContactAt'],
      [manager, '/dealSize'],
      [admin, '/company'],
    ];
    for (const [client, field] of cases) {
      const page = await client.records.list.query({
        templateId: B2B,
        sort: [{ field, dir: 'asc' }],
        limit: 1,
      });
      expect(page.nextCursor).not.toBeNull();
      const text = decoded(page.nextCursor!);
      const shown = JSON.stringify(page.rows);
      for (const token of text.match(/"[^"]+"|\d+/g) ?? []) {
        if (token === '"k"' || token === '"id"') continue;
        expect(shown, `${field}: ${token}`).toContain(token.replace(/"/g, ''));
      }
    }
  });

  it('a forged cursor cannot widen the scope or address a masked sort key', async () => {
    const forged = Buffer.from(JSON.stringify({ k: [colleagueMobile], id: '' })).toString('base64url');
    const page = await repA.records.list.query({ templateId: B2B, cursor: forged, limit: 200 });
    expect(page.rows.every((r) => r.data.ownerId === 'user-rep-a' || r.data.ownerId === 'user-rep-b')).toBe(
      true,
    );
    const junk = await failure(repA.records.list.query({ templateId: B2B, cursor: 'not-a-cursor' }));
    expect(junk.message).not.toContain('not-a-cursor');
  });
});
