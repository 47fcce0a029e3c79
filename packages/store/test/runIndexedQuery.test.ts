import type { VeilRecord } from '@veil/policy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowTable } from '../src/records/rowTable.js';
import { runIndexedQuery } from '../src/records/runIndexedQuery.js';
import { type QueryRow, runQuery } from '../src/records/runQuery.js';
import { scopeOwners, scopeTest } from '../src/records/scopeTest.js';
import type { RecordQuery, RecordScope } from '../src/store.js';

// The indexed runner must answer every query exactly as the one-pass runner does, after any
// sequence of inserts, replacements and deletes (its indexes are kept up to date on writes).

const USERS: Record<string, string> = { u1: 'd1', u2: 'd1', u3: 'd2', u4: 'd3' };
const directory = {
  departmentOf: (id: string) => USERS[id],
  childrenOf: (d: string) => (d === 'd1' ? ['d3'] : []),
};
const members = new Map<string, string[]>();
for (const [user, department] of Object.entries(USERS))
  members.set(department, [...(members.get(department) ?? []), user]);

const dataArb = fc.record({
  owner: fc.oneof(fc.constantFrom('u1', 'u2', 'u3', 'u4', 'ghost'), fc.constant(null)),
  stage: fc.option(fc.constantFrom('lead', 'won', 'lost', null), { nil: undefined }),
  amount: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  tags: fc.option(fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }), { nil: undefined }),
});

function rowOf(id: string, data: Record<string, unknown>): QueryRow {
  const record = {
    id,
    templateId: 't',
    templateVersion: 1,
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    data: Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)),
  } as VeilRecord;
  // A blind index on /stage, as `contextOf` computes it: whole-value matches use the table's index.
  const blind = typeof data.stage === 'string' ? { '/stage': [`/stage=${data.stage}`] } : {};
  return { record, blind };
}

const scopeArb: fc.Arbitrary<RecordScope | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ kind: 'all' as const }),
  fc.record({
    kind: fc.constant('owners' as const),
    ownerIds: fc.array(fc.constantFrom('u1', 'u3', 'ghost')),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    self: fc.constantFrom('u1', 'u3'),
    own: fc.boolean(),
    departments: fc.subarray(['d1', 'd2']),
    subtrees: fc.subarray(['d1']),
  }),
);
const queryArb: fc.Arbitrary<RecordQuery> = fc
  .record(
    {
      scope: scopeArb,
      filters: fc.oneof(
        fc.constant([]),
        fc.constant([{ field: '/stage', op: 'in' as const, value: ['lead', 'won'] }]),
        fc.constant([{ field: '/stage', op: 'eq' as const, value: null }]),
        fc.constant([{ field: '/tags', op: 'eq' as const, value: 'a' }]),
        fc.constant([{ field: '/amount', op: 'gte' as const, value: 2 }]),
      ),
      sort: fc.oneof(
        fc.constant([]),
        fc.constant([{ field: '/amount', dir: 'asc' as const }]),
        fc.constant([
          { field: '/stage', dir: 'desc' as const },
          { field: '/amount', dir: 'asc' as const },
        ]),
      ),
      groupBy: fc.option(fc.constantFrom('/stage', '/tags'), { nil: undefined }),
      match: fc.option(
        fc.constantFrom([{ field: '/stage', value: 'lead' }], [{ field: '/stage', value: 'won' }]),
        { nil: undefined },
      ),
      limit: fc.integer({ min: 1, max: 4 }),
    },
    { requiredKeys: ['limit'] },
  )
  .map(
    (q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as unknown as RecordQuery,
  );
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: fc.integer({ min: 0, max: 9 }), data: dataArb }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('query' as const), query: queryArb }),
);

function contextOf(query: RecordQuery) {
  return {
    ownerPointer: '/owner',
    inScope: scopeTest(query.scope, directory),
    scopeOwners: () => scopeOwners(query.scope, directory, members),
    blindIndex: (field: string, value: string) => `${field}=${value}`,
  };
}

/** Both runners, every page through the cursors. */
function pages(run: (q: RecordQuery) => ReturnType<typeof runQuery>, query: RecordQuery) {
  const out = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = run(cursor === undefined ? query : { ...query, cursor });
    out.push({ ids: page.records.map((r) => r.id), total: page.total, groups: page.groups });
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return out;
}

describe('runIndexedQuery', () => {
  it('answers like the one-pass runner after any sequence of writes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const table = new RowTable();
        for (const op of ops) {
          if (op.kind === 'set') table.set(`r${op.id}`, rowOf(`r${op.id}`, op.data));
          else if (op.kind === 'delete') table.delete(`r${op.id}`);
          else {
            const context = contextOf(op.query);
            const indexed = pages((q) => runIndexedQuery(table, q, context), op.query);
            const plain = pages((q) => runQuery([...table.values()], q, context), op.query);
            expect(indexed).toEqual(plain);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers a page and its total from the indexes, without testing every row', () => {
    const table = new RowTable();
    for (let i = 0; i < 1000; i++)
      table.set(
        `r${String(i).padStart(4, '0')}`,
        rowOf(`r${String(i).padStart(4, '0')}`, {
          owner: 'u1',
          stage: i % 2 === 0 ? 'lead' : 'won',
          amount: i % 5,
        }),
      );
    const query: RecordQuery = {
      filters: [{ field: '/stage', op: 'eq', value: 'lead' }],
      sort: [{ field: '/amount', dir: 'asc' }],
      limit: 10,
    };
    const context = contextOf(query);
    runIndexedQuery(table, query, context);
    let tested = 0;
    const counting = {
      ...context,
      inScope: (owner: unknown) => {
        tested += 1;
        return owner === 'u1';
      },
    };
    const page = runIndexedQuery(table, { ...query, scope: { kind: 'owners', ownerIds: ['u1'] } }, counting);
    expect(page.total).toBe(500);
    expect(page.records).toHaveLength(10);
    expect(tested).toBeLessThan(30);
  });
});
