import type { SortKey } from '@veil/schema';
import { compareSortValues } from './compareValues.js';
import { type QueryRow, rowValues } from './queryRow.js';

/** One row's place in a sort order: its sort keys and id (ties broken by id ascending). */
export interface SortEntry {
  keys: unknown[];
  id: string;
  row: QueryRow;
}

/** Order of two rows under `sort`, the id breaking ties: a total order (ids are unique). */
export function compareSortEntries(
  aKeys: readonly unknown[],
  aId: string,
  bKeys: readonly unknown[],
  bId: string,
  sort: readonly SortKey[],
): number {
  for (let i = 0; i < sort.length; i++) {
    const c = compareSortValues(aKeys[i], bKeys[i], (sort[i] as SortKey).dir);
    if (c !== 0) return c;
  }
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

/** The sort keys of a row (the first value at each sort path). */
export function sortKeysOf(row: QueryRow, sort: readonly SortKey[]): unknown[] {
  return sort.map((s) => rowValues(row, s.field)[0]);
}

/**
 * Every row of a table kept in one sort order, so a page is read from its start (or a cursor)
 * until it is full instead of sorting every match: the in-memory counterpart of a database's
 * index on the sort columns. Kept up to date by the table on every write.
 */
export class SortIndex {
  readonly sort: readonly SortKey[];
  readonly entries: SortEntry[];

  constructor(sort: readonly SortKey[], rows: Iterable<QueryRow>) {
    this.sort = sort;
    this.entries = [];
    for (const row of rows) this.entries.push({ keys: sortKeysOf(row, sort), id: row.record.id, row });
    this.entries.sort((a, b) => compareSortEntries(a.keys, a.id, b.keys, b.id, sort));
  }

  /** The first position whose entry sorts after (`keys`, `id`). */
  after(keys: readonly unknown[], id: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.entries[mid] as SortEntry;
      if (compareSortEntries(e.keys, e.id, keys, id, this.sort) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(row: QueryRow): void {
    const keys = sortKeysOf(row, this.sort);
    const id = row.record.id;
    this.entries.splice(this.after(keys, id), 0, { keys, id, row });
  }

  remove(row: QueryRow): void {
    const keys = sortKeysOf(row, this.sort);
    const at = this.after(keys, row.record.id) - 1;
    const entry = this.entries[at];
    if (entry !== undefined && entry.id === row.record.id) this.entries.splice(at, 1);
  }
}
