import type { VeilRecord } from '@veil/policy';
import type { SortKey } from '@veil/schema';
import { type RecordFilter, type RecordPage, type RecordQuery, StoreError } from '../store.js';
import { pointerSegments, valuesAt } from './schemaPaths.js';

/** A record as the query runner sees it: plaintext plus its blind indexes. */
export interface QueryRow {
  record: VeilRecord;
  /** Schema path → blind indexes of its values. */
  blind: Readonly<Record<string, readonly string[]>>;
  /**
   * Values at schema paths, filled in by queries (sort keys, filter fields). A row is replaced,
   * never edited, when its record changes, so the cache never goes stale.
   */
  cache?: Map<string, unknown[]>;
}

/** Every present value of the row at a schema path, computed once per row and path. */
function rowValues(row: QueryRow, path: string): unknown[] {
  let cache = row.cache;
  if (cache === undefined) {
    cache = new Map();
    row.cache = cache;
  }
  let values = cache.get(path);
  if (values === undefined) {
    values = valuesAt(row.record.data, segmentsOf(path));
    cache.set(path, values);
  }
  return values;
}

export interface QueryContext {
  /** Pointer of the owner field (for `scope`). */
  ownerPointer: string | undefined;
  /** Blind index of a normalised value of a field. */
  blindIndex: (field: string, normalized: string) => string;
}

const segmentCache = new Map<string, string[]>();
function segmentsOf(path: string): string[] {
  let segments = segmentCache.get(path);
  if (segments === undefined) {
    segments = pointerSegments(path);
    if (segmentCache.size > 10_000) segmentCache.clear();
    segmentCache.set(path, segments);
  }
  return segments;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function ordered(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function valueMatches(value: unknown, filter: RecordFilter): boolean {
  const target = filter.value;
  switch (filter.op) {
    case 'eq':
      return (
        sameJson(value, target) || (Array.isArray(value) && value.some((item) => sameJson(item, target)))
      );
    case 'in':
      return (
        Array.isArray(target) &&
        target.some((t) => sameJson(value, t) || (Array.isArray(value) && value.some((i) => sameJson(i, t))))
      );
    case 'lt':
      return (ordered(value, target) ?? 0) < 0 && ordered(value, target) !== undefined;
    case 'lte':
      return ordered(value, target) !== undefined && (ordered(value, target) as number) <= 0;
    case 'gt':
      return ordered(value, target) !== undefined && (ordered(value, target) as number) > 0;
    case 'gte':
      return ordered(value, target) !== undefined && (ordered(value, target) as number) >= 0;
    case 'contains':
      if (typeof value === 'string' && typeof target === 'string')
        return value.toLowerCase().includes(target.toLowerCase());
      return Array.isArray(value) && value.some((item) => sameJson(item, target));
    case 'neq':
    case 'exists':
      return true;
  }
}

function rowMatchesFilter(row: QueryRow, filter: RecordFilter): boolean {
  const values = rowValues(row, filter.field);
  switch (filter.op) {
    case 'exists':
      return (filter.value === false) === (values.length === 0);
    case 'neq':
      // No value equals it (a missing value is "not equal").
      return !values.some((value) =>
        valueMatches(value, { field: filter.field, op: 'eq', value: filter.value }),
      );
    default:
      return values.some((value) => valueMatches(value, filter));
  }
}

const NO_KEYS: unknown[] = [];

const TYPE_RANK: Record<string, number> = { number: 0, string: 1, boolean: 2, object: 3 };

/** Missing values sort last in both directions; otherwise by type, then value. */
function compareSortValues(a: unknown, b: unknown, dir: 'asc' | 'desc'): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const sign = dir === 'asc' ? 1 : -1;
  const ta = TYPE_RANK[typeof a] ?? 4;
  const tb = TYPE_RANK[typeof b] ?? 4;
  if (ta !== tb) return sign * (ta - tb);
  const direct = ordered(a, b);
  if (direct !== undefined) return sign * Math.sign(direct);
  if (typeof a === 'boolean' && typeof b === 'boolean') return sign * (Number(a) - Number(b));
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sign * (sa < sb ? -1 : sa > sb ? 1 : 0);
}

interface SortRow {
  row: QueryRow;
  keys: unknown[];
  id: string;
}

function compareRows(
  aKeys: unknown[],
  aId: string,
  bKeys: unknown[],
  bId: string,
  sort: readonly SortKey[],
): number {
  for (let i = 0; i < sort.length; i++) {
    const c = compareSortValues(aKeys[i], bKeys[i], (sort[i] as SortKey).dir);
    if (c !== 0) return c;
  }
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

interface Cursor {
  k: unknown[];
  id: string;
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (Array.isArray(parsed.k) && typeof parsed.id === 'string') return parsed;
  } catch {
    // reported below
  }
  throw new StoreError('INVALID', 'The cursor is not one this store issued.');
}

function rowMatches(
  row: QueryRow,
  matches: readonly { field: string; index: string }[],
  filters: readonly RecordFilter[],
): boolean {
  for (const m of matches) if (row.blind[m.field]?.includes(m.index) !== true) return false;
  for (const f of filters) if (!rowMatchesFilter(row, f)) return false;
  return true;
}

/** Filters, scopes, matches, sorts and pages rows. Makes no privacy decision. */
export function runQuery(rows: Iterable<QueryRow>, query: RecordQuery, context: QueryContext): RecordPage {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
  const filters = query.filters ?? [];
  const sort = query.sort ?? [];
  const scope = query.scope ?? { kind: 'all' };
  let owners: Set<string> | undefined;
  let ownerPointer = '';
  if (scope.kind === 'owners') {
    if (context.ownerPointer === undefined) {
      throw new StoreError('INVALID', 'An owner scope needs a registered template (its owner pointer).');
    }
    owners = new Set(scope.ownerIds);
    ownerPointer = context.ownerPointer;
  }
  const matches = (query.match ?? []).map((m) => ({
    field: m.field,
    index: context.blindIndex(m.field, m.value),
  }));

  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  // Only the page is kept sorted (a bounded insertion into `top`), never every match: a page of
  // 50 out of 100,000 rows costs one pass plus a few hundred comparisons.
  const top: SortRow[] = [];
  let total = 0;
  let after = 0;
  for (const row of rows) {
    if (owners !== undefined) {
      const owner = rowValues(row, ownerPointer)[0];
      if (typeof owner !== 'string' || !owners.has(owner)) continue;
    }
    if (!rowMatches(row, matches, filters)) continue;
    total += 1;
    const id = row.record.id;
    // Most rows lose to the page's worst row on the first sort key: decided before any allocation.
    if (cursor === undefined && top.length === limit && sort.length > 0) {
      const worst = top[limit - 1] as SortRow;
      const first = sort[0] as SortKey;
      if (compareSortValues(rowValues(row, first.field)[0], worst.keys[0], first.dir) > 0) {
        after += 1;
        continue;
      }
    }
    const keys = sort.length === 0 ? NO_KEYS : sort.map((s) => rowValues(row, s.field)[0]);
    if (cursor !== undefined && compareRows(keys, id, cursor.k, cursor.id, sort) <= 0) continue;
    after += 1;
    if (top.length === limit) {
      const worst = top[limit - 1] as SortRow;
      if (compareRows(keys, id, worst.keys, worst.id, sort) >= 0) continue;
      top.pop();
    }
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = top[mid] as SortRow;
      if (compareRows(other.keys, other.id, keys, id, sort) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, { row, keys, id });
  }
  const last = top[top.length - 1];
  const nextCursor =
    last !== undefined && after > limit
      ? Buffer.from(JSON.stringify({ k: last.keys, id: last.id } satisfies Cursor)).toString('base64url')
      : null;
  return { records: top.map((s) => structuredClone(s.row.record)), nextCursor, total };
}
