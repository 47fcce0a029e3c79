import { expect, it } from 'vitest';
import type { Store } from '../../store.js';
import { allIds, ids, type OpenStore, seed, TEMPLATE, templateOf, withStore } from './contractKit.js';

async function customers(store: Store): Promise<void> {
  await store.registerTemplate(templateOf(1));
  await seed(store, [
    [
      'c1',
      {
        owner: 'u1',
        name: 'Acme Trading',
        stage: 'lead',
        amount: 1200,
        tags: ['vip'],
        contacts: [{ _id: 'k1', name: 'Li Lei', phone: '13800000001' }],
      },
    ],
    [
      'c2',
      {
        owner: 'u2',
        name: 'Globex',
        stage: 'won',
        amount: 500,
        tags: ['vip', 'north'],
        contacts: [{ _id: 'k1', name: 'Han Meimei', phone: '13800000002' }],
      },
    ],
    [
      'c3',
      {
        owner: 'u1',
        name: 'ACME Holdings',
        stage: 'won',
        amount: 75,
        email: 'ops@acme.example',
        contacts: [],
      },
    ],
    [
      'c4',
      {
        owner: 'u2',
        name: 'Initech',
        stage: 'lead',
        contacts: [
          { _id: 'k1', name: 'Zhang Acme', phone: '13800000003' },
          { _id: 'k2', name: 'Wang', phone: '13800000001' },
        ],
      },
    ],
    ['c5', { owner: 'u3', name: 'Umbrella', stage: 'lost', amount: 12 }],
  ]);
}

/** Blind-index matches, substring search, group-by, and what the port refuses on encrypted fields. */
export function searchContract(open: OpenStore): void {
  it('searches a case-insensitive substring over several fields, array items included', () =>
    withStore(open, async (store) => {
      await customers(store);
      const page = await store.queryRecords(TEMPLATE, {
        search: { text: 'acme', fields: ['/name', '/contacts/*/name'] },
      });
      expect(ids(page)).toEqual(['c1', 'c3', 'c4']);
      expect(page.total).toBe(3);
      const nameOnly = await store.queryRecords(TEMPLATE, { search: { text: 'ACME', fields: ['/name'] } });
      expect(ids(nameOnly)).toEqual(['c1', 'c3']);
    }));

  it('searches numbers by their decimal text', () =>
    withStore(open, async (store) => {
      await customers(store);
      const page = await store.queryRecords(TEMPLATE, { search: { text: '12', fields: ['/amount'] } });
      expect(ids(page)).toEqual(['c1', 'c5']);
    }));

  it('combines search with filters, scope, sort and cursor pages', () =>
    withStore(open, async (store) => {
      await customers(store);
      const query = {
        search: { text: 'a', fields: ['/name'] },
        filters: [{ field: '/stage', op: 'neq' as const, value: 'lost' }],
        scope: { kind: 'owners' as const, ownerIds: ['u1', 'u2'] },
        sort: [{ field: '/amount', dir: 'desc' as const }],
        limit: 1,
      };
      expect(await allIds(store, query)).toEqual(['c1', 'c3']);
      expect((await store.queryRecords(TEMPLATE, query)).total).toBe(2);
    }));

  it('groups every matching row (not only the page) by a field, largest first, missing as null', () =>
    withStore(open, async (store) => {
      await customers(store);
      const page = await store.queryRecords(TEMPLATE, { groupBy: '/stage', limit: 1 });
      expect(page.records).toHaveLength(1);
      expect(page.groups).toEqual([
        { value: 'lead', count: 2 },
        { value: 'won', count: 2 },
        { value: 'lost', count: 1 },
      ]);
      const amounts = await store.queryRecords(TEMPLATE, {
        groupBy: '/email',
        filters: [{ field: '/stage', op: 'eq', value: 'won' }],
      });
      expect(amounts.groups).toEqual([
        { value: null, count: 1 },
        { value: 'ops@acme.example', count: 1 },
      ]);
    }));

  it('groups by an array field: a row counts once per distinct value; groups follow the scope', () =>
    withStore(open, async (store) => {
      await customers(store);
      // c6 holds the name Wang twice: it counts once in that group.
      await seed(store, [
        [
          'c6',
          {
            owner: 'u3',
            name: 'Wang Holdings',
            contacts: [
              { _id: 'k1', name: 'Wang' },
              { _id: 'k2', name: 'Wang' },
            ],
          },
        ],
      ]);
      const page = await store.queryRecords(TEMPLATE, { groupBy: '/contacts/*/name' });
      expect(page.groups?.find((g) => g.value === 'Wang')?.count).toBe(2);
      const scoped = await store.queryRecords(TEMPLATE, {
        groupBy: '/tags',
        scope: { kind: 'owners', ownerIds: ['u2'] },
      });
      // Arrays of values group by the whole array value.
      expect(scoped.groups?.map((g) => g.count).reduce((a, b) => a + b, 0)).toBe(2);
      expect(scoped.total).toBe(2);
    }));

  it('matches a whole value through the blind index, in any array item, never a part of it', () =>
    withStore(open, async (store) => {
      await customers(store);
      const phone = await store.queryRecords(TEMPLATE, {
        match: [{ field: '/contacts/*/phone', value: '13800000001' }],
      });
      expect(ids(phone)).toEqual(['c1', 'c4']);
      const part = await store.queryRecords(TEMPLATE, {
        match: [{ field: '/contacts/*/phone', value: '1380000000' }],
      });
      expect(part.total).toBe(0);
      const email = await store.queryRecords(TEMPLATE, {
        match: [{ field: '/email', value: 'ops@acme.example' }],
      });
      expect(ids(email)).toEqual(['c3']);
      // Matches combine with the scope like any condition.
      const scoped = await store.queryRecords(TEMPLATE, {
        match: [{ field: '/contacts/*/phone', value: '13800000001' }],
        scope: { kind: 'owners', ownerIds: ['u2'] },
      });
      expect(ids(scoped)).toEqual(['c4']);
    }));

  it('refuses a blind-index match on a field that has no blind index', () =>
    withStore(open, async (store) => {
      await customers(store);
      await expect(
        store.queryRecords(TEMPLATE, { match: [{ field: '/name', value: 'Globex' }] }),
      ).rejects.toMatchObject({ code: 'INVALID' });
    }));

  it('refuses filters, sorts, searches and groups on encrypted fields', () =>
    withStore(open, async (store) => {
      await customers(store);
      const field = '/contacts/*/phone';
      for (const query of [
        { filters: [{ field, op: 'eq' as const, value: '13800000001' }] },
        { sort: [{ field, dir: 'asc' as const }] },
        { search: { text: '138', fields: ['/name', field] } },
        { groupBy: field },
        { filters: [{ field: '/notes', op: 'exists' as const, value: true }] },
      ]) {
        await expect(store.queryRecords(TEMPLATE, query)).rejects.toMatchObject({ code: 'INVALID' });
        await expect(store.countRecords(TEMPLATE, query)).rejects.toMatchObject({ code: 'INVALID' });
      }
    }));
}
