import { expect, it } from 'vitest';
import type { Store } from '../../store.js';
import { allIds, audit, ids, type OpenStore, record, seed, TEMPLATE, withStore } from './contractKit.js';

const stages = ['lead', 'won', 'lead', 'lost', 'won', 'lead'];

async function thirty(store: Store): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await store.createRecord({
      record: record(`r${String(i).padStart(2, '0')}`, {
        owner: i % 3 === 0 ? 'u1' : 'u2',
        stage: stages[i % stages.length],
        amount: i % 5,
        contacts: [{ _id: 'c1', name: i === 7 ? 'Zhang San' : 'Li Si' }],
      }),
      audit: audit('record.create', `r${i}`),
    });
  }
}

const tagged: [string, Record<string, unknown>][] = [
  ['a', { tags: ['vip', 'north'], contacts: [{ _id: 'c1', name: 'Ann' }] }],
  ['b', { tags: ['north'], contacts: [] }],
  ['c', { tags: [] }],
  ['d', {}],
  [
    'e',
    {
      tags: ['VIP'],
      contacts: [
        { _id: 'c1', name: 'Bo' },
        { _id: 'c2', name: 'Ann' },
      ],
    },
  ],
];

/** Filters, sorting and keyset cursors. */
export function queryContract(open: OpenStore): void {
  it('runs filters (inside arrays too), multi-key sort and stable cursor pages', () =>
    withStore(open, async (store) => {
      await thirty(store);
      const q = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/contacts/*/name', op: 'eq', value: 'Zhang San' }],
      });
      expect(ids(q)).toEqual(['r07']);
      const lt = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/amount', op: 'lt', value: 1 }],
        limit: 100,
      });
      expect(lt.total).toBe(6);
      const inn = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/stage', op: 'in', value: ['won', 'lost'] }],
        limit: 100,
      });
      expect(inn.total).toBe(15);
      expect(inn.records.every((r) => r.data.stage !== 'lead')).toBe(true);
      const sort = [
        { field: '/amount', dir: 'desc' as const },
        { field: '/stage', dir: 'asc' as const },
      ];
      const all = await store.queryRecords(TEMPLATE, { sort, limit: 1000 });
      const paged = await allIds(store, { sort, limit: 7 });
      expect(paged).toEqual(ids(all));
      expect(new Set(paged).size).toBe(30);
      for (let i = 1; i < all.records.length; i++) {
        const [a, b] = [all.records[i - 1]?.data, all.records[i]?.data];
        expect(Number(a?.amount)).toBeGreaterThanOrEqual(Number(b?.amount));
        if (a?.amount === b?.amount) expect(String(a?.stage) <= String(b?.stage)).toBe(true);
      }
    }));

  it('neq on an array: rows holding the value are out, rows without it (or without the field) in', () =>
    withStore(open, async (store) => {
      await seed(store, tagged);
      const page = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/tags', op: 'neq', value: 'north' }],
      });
      expect(ids(page)).toEqual(['c', 'd', 'e']);
      const nested = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/contacts/*/name', op: 'neq', value: 'Ann' }],
      });
      expect(ids(nested)).toEqual(['b', 'c', 'd']);
    }));

  it('contains: an element of an array, a case-insensitive substring of a string', () =>
    withStore(open, async (store) => {
      await seed(store, tagged);
      const element = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/tags', op: 'contains', value: 'vip' }],
      });
      expect(ids(element)).toEqual(['a']);
      const text = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/contacts/*/name', op: 'contains', value: 'AN' }],
      });
      expect(ids(text)).toEqual(['a', 'e']);
    }));

  it('exists: true for present values (an empty array is present), false for absent ones', () =>
    withStore(open, async (store) => {
      await seed(store, tagged);
      const present = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/tags', op: 'exists', value: true }],
      });
      expect(ids(present)).toEqual(['a', 'b', 'c', 'e']);
      const absent = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/tags', op: 'exists', value: false }],
      });
      expect(ids(absent)).toEqual(['d']);
      const nested = await store.queryRecords(TEMPLATE, {
        filters: [{ field: '/contacts/*/name', op: 'exists', value: false }],
      });
      expect(ids(nested)).toEqual(['b', 'c', 'd']);
    }));

  it('eq and in on arrays match any element; range operators never compare a number with a string', () =>
    withStore(open, async (store) => {
      await seed(store, [...tagged, ['f', { amount: 5 }], ['g', { amount: '7' }], ['h', { amount: 9 }]]);
      expect(
        ids(await store.queryRecords(TEMPLATE, { filters: [{ field: '/tags', op: 'eq', value: 'north' }] })),
      ).toEqual(['a', 'b']);
      expect(
        ids(
          await store.queryRecords(TEMPLATE, {
            filters: [{ field: '/tags', op: 'in', value: ['VIP', 'none'] }],
          }),
        ),
      ).toEqual(['e']);
      expect(
        ids(await store.queryRecords(TEMPLATE, { filters: [{ field: '/amount', op: 'gte', value: 5 }] })),
      ).toEqual(['f', 'h']);
      expect(
        ids(await store.queryRecords(TEMPLATE, { filters: [{ field: '/amount', op: 'lte', value: 8 }] })),
      ).toEqual(['f']);
    }));

  it('sorts mixed types (numbers, strings, booleans) and puts missing values last in both directions', () =>
    withStore(open, async (store) => {
      await seed(store, [
        ['m1', { amount: 'b' }],
        ['m2', { amount: 3 }],
        ['m3', {}],
        ['m4', { amount: true }],
        ['m5', { amount: 1 }],
        ['m6', { amount: 'a' }],
        ['m7', { amount: null }],
      ]);
      const asc = await store.queryRecords(TEMPLATE, { sort: [{ field: '/amount', dir: 'asc' }] });
      expect(ids(asc)).toEqual(['m5', 'm2', 'm6', 'm1', 'm4', 'm3', 'm7']);
      const desc = await store.queryRecords(TEMPLATE, { sort: [{ field: '/amount', dir: 'desc' }] });
      expect(ids(desc)).toEqual(['m4', 'm1', 'm6', 'm2', 'm5', 'm3', 'm7']);
      expect(await allIds(store, { sort: [{ field: '/amount', dir: 'desc' }], limit: 2 })).toEqual(ids(desc));
    }));

  it('cursors stay stable while rows are inserted between pages: no row twice, none of the first skipped', () =>
    withStore(open, async (store) => {
      await thirty(store);
      const sort = [{ field: '/amount', dir: 'asc' as const }];
      const first = await store.queryRecords(TEMPLATE, { sort, limit: 10 });
      const originalOrder = ids(await store.queryRecords(TEMPLATE, { sort, limit: 1000 }));
      // Concurrent inserts on both sides of the cursor.
      await Promise.all(
        ['x0', 'x1', 'x2', 'x3'].map((id, i) =>
          store.createRecord({
            record: record(id, { amount: i % 2 === 0 ? -1 : 9 }),
            audit: audit('record.create', id),
          }),
        ),
      );
      const rest = await allIds(store, { sort, limit: 10, cursor: first.nextCursor as string });
      const seen = [...ids(first), ...rest];
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => !id.startsWith('x'))).toEqual(originalOrder);
      // Rows inserted before the cursor are not on later pages; rows after it are.
      expect(rest.filter((id) => id.startsWith('x')).sort()).toEqual(['x1', 'x3']);
    }));

  it('refuses a cursor it did not issue', () =>
    withStore(open, async (store) => {
      await thirty(store);
      await expect(store.queryRecords(TEMPLATE, { cursor: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'INVALID',
      });
    }));

  it('counts what a query matches, whatever its page', () =>
    withStore(open, async (store) => {
      await thirty(store);
      const query = { filters: [{ field: '/stage', op: 'eq' as const, value: 'lead' }], limit: 3 };
      const page = await store.queryRecords(TEMPLATE, query);
      expect(page.records).toHaveLength(3);
      expect(page.total).toBe(15);
      expect(await store.countRecords(TEMPLATE, query)).toBe(15);
      expect(await store.countRecords(TEMPLATE, {})).toBe(30);
    }));
}
