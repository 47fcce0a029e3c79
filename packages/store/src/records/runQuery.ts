import type { SortKey } from '@veil/schema';
import type { RecordPage, RecordQuery } from '../store.js';
import { compareSortValues } from './compareValues.js';
import { GroupCounter } from './countGroups.js';
import { prepareSearch, rowMatchesFilter, rowMatchesSearch } from './matchRow.js';
import { decodeCursor, encodeCursor } from './queryCursor.js';
import { type QueryRow, rowValues } from './queryRow.js';
import { compareSortEntries, type SortEntry, sortKeysOf } from './sortIndex.js';

export type { QueryRow } from './queryRow.js';

/** What the adapter resolves for a query before it runs (the runner itself knows no users or keys). */
export interface QueryContext {
  /** Pointer of the owner field (for `scope`). */
  ownerPointer: string | undefined;
  /** Whether an owner value is in the query's scope; `undefined` = every row. */
  inScope: ((owner: unknown) => boolean) | undefined;
  /** Blind index of a normalised value of a field. */
  blindIndex: (field: string, normalized: string) => string;
}

const NO_KEYS: unknown[] = [];

/** A predicate for every condition of the query except sort and paging. */
export function compileRowTest(query: RecordQuery, context: QueryContext): (row: QueryRow) => boolean {
  const filters = query.filters ?? [];
  const search = prepareSearch(query.search);
  const matches = (query.match ?? []).map((m) => ({
    field: m.field,
    index: context.blindIndex(m.field, m.value),
  }));
  const { inScope, ownerPointer } = context;
  return (row) => {
    if (inScope !== undefined && !inScope(rowValues(row, ownerPointer ?? '')[0])) return false;
    for (const m of matches) if (row.blind[m.field]?.includes(m.index) !== true) return false;
    for (const f of filters) if (!rowMatchesFilter(row, f)) return false;
    return search === undefined || rowMatchesSearch(row, search);
  };
}

/** Filters, scopes, matches, searches, sorts, pages and groups rows. Makes no privacy decision. */
export function runQuery(rows: Iterable<QueryRow>, query: RecordQuery, context: QueryContext): RecordPage {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
  const sort = query.sort ?? [];
  const test = compileRowTest(query, context);
  const groups = query.groupBy === undefined ? undefined : new GroupCounter(query.groupBy);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  // Only the page is kept sorted (a bounded insertion into `top`), never every match: a page of
  // 50 out of 100,000 rows costs one pass plus a few hundred comparisons.
  const top: SortEntry[] = [];
  let total = 0;
  let after = 0;
  for (const row of rows) {
    if (!test(row)) continue;
    total += 1;
    groups?.add(row);
    const id = row.record.id;
    // Most rows lose to the page's worst row on the first sort key: decided before any allocation.
    if (cursor === undefined && top.length === limit && sort.length > 0) {
      const worst = top[limit - 1] as SortEntry;
      const first = sort[0] as SortKey;
      if (compareSortValues(rowValues(row, first.field)[0], worst.keys[0], first.dir) > 0) {
        after += 1;
        continue;
      }
    }
    const keys = sort.length === 0 ? NO_KEYS : sortKeysOf(row, sort);
    if (cursor !== undefined && compareSortEntries(keys, id, cursor.k, cursor.id, sort) <= 0) continue;
    after += 1;
    if (top.length === limit) {
      const worst = top[limit - 1] as SortEntry;
      if (compareSortEntries(keys, id, worst.keys, worst.id, sort) >= 0) continue;
      top.pop();
    }
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = top[mid] as SortEntry;
      if (compareSortEntries(other.keys, other.id, keys, id, sort) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, { row, keys, id });
  }
  const last = top[top.length - 1];
  const nextCursor = last !== undefined && after > limit ? encodeCursor({ k: last.keys, id: last.id }) : null;
  const page: RecordPage = { records: top.map((s) => structuredClone(s.row.record)), nextCursor, total };
  if (groups !== undefined) page.groups = groups.groups();
  return page;
}

/** Rows the query matches (scope, filters, matches, search). */
export function countRows(rows: Iterable<QueryRow>, query: RecordQuery, context: QueryContext): number {
  const test = compileRowTest(query, context);
  let total = 0;
  for (const row of rows) if (test(row)) total += 1;
  return total;
}
