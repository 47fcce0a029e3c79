import type { VeilRecord } from '@veil/policy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type QueryRow, runQuery } from '../src/records/runQuery.js';

const context = {
  ownerPointer: '/owner',
  inScope: undefined,
  blindIndex: (field: string, value: string) => `${field}=${value}`,
};

const rowArb = fc.record({
  owner: fc.constantFrom('u1', 'u2', 'u3'),
  stage: fc.constantFrom('lead', 'won', 'lost'),
  amount: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  name: fc.constantFrom('Ann', 'Bo', '陈', 'Zed'),
});

function rowsOf(datas: Record<string, unknown>[]): QueryRow[] {
  return datas.map((data, i) => ({
    record: {
      id: `r${String(i).padStart(3, '0')}`,
      templateId: 't',
      templateVersion: 1,
      version: 1,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      data: Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)),
    } as VeilRecord,
    blind: {},
  }));
}

/** The page order written out plainly: filter, full sort (missing last), id as tie-break. */
function expectedOrder(rows: QueryRow[], stage: string, dir: 'asc' | 'desc'): string[] {
  const key = (r: QueryRow) => r.record.data.amount as number | undefined;
  return rows
    .filter((r) => r.record.data.stage !== stage)
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === undefined || kb === undefined) {
        if (ka !== kb) return ka === undefined ? 1 : -1;
      } else if (ka !== kb) return dir === 'asc' ? ka - kb : kb - ka;
      const na = a.record.data.name as string;
      const nb = b.record.data.name as string;
      if (na !== nb) return na < nb ? -1 : 1;
      return a.record.id < b.record.id ? -1 : 1;
    })
    .map((r) => r.record.id);
}

describe('runQuery paging', () => {
  it('pages through every match in full-sort order, whatever the page size', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        (datas, limit, dir) => {
          const rows = rowsOf(datas);
          const query = {
            filters: [{ field: '/stage', op: 'neq' as const, value: 'lost' }],
            sort: [
              { field: '/amount', dir },
              { field: '/name', dir: 'asc' as const },
            ],
            limit,
          };
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let pages = 0; pages < 100; pages++) {
            const page = runQuery(rows, cursor === undefined ? query : { ...query, cursor }, context);
            expect(page.total).toBe(expectedOrder(rows, 'lost', dir).length);
            expect(page.records.length).toBeLessThanOrEqual(limit);
            seen.push(...page.records.map((r) => r.id));
            if (page.nextCursor === null) break;
            cursor = page.nextCursor;
          }
          expect(seen).toEqual(expectedOrder(rows, 'lost', dir));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns copies: editing a returned record changes neither the store rows nor later pages', () => {
    const rows = rowsOf([{ owner: 'u1', stage: 'lead', amount: 1, name: 'Ann' }]);
    const first = runQuery(rows, { sort: [{ field: '/amount', dir: 'asc' }] }, context);
    (first.records[0] as VeilRecord).data.amount = 99;
    const again = runQuery(rows, { filters: [{ field: '/amount', op: 'eq', value: 1 }] }, context);
    expect(again.records.map((r) => r.data.amount)).toEqual([1]);
  });

  it('scopes by owner', () => {
    const rows = rowsOf([
      { owner: 'u1', stage: 'lead', name: 'Ann' },
      { owner: 'u2', stage: 'lead', name: 'Bo' },
    ]);
    const page = runQuery(rows, {}, { ...context, inScope: (owner) => owner === 'u2' });
    expect(page.records.map((r) => r.id)).toEqual(['r001']);
  });
});
