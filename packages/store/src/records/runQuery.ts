import type { VeilRecord } from '@veil/policy';
import type { SortKey } from '@veil/schema';
import { type RecordFilter, type RecordPage, type RecordQuery, StoreError } from '../store.js';
import { pointerSegments, valuesAt } from './schemaPaths.js';

/** A record as the query runner sees it: plaintext plus its blind indexes. */
export interface QueryRow {
  record: VeilRecord;
  /** Schema path → blind indexes of its values. */
  blind: Readonly<Record<string, readonly string[]>>;
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

function rowMatchesFilter(record: VeilRecord, filter: RecordFilter): boolean {
  const values = valuesAt(record.data, segmentsOf(filter.field));
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
}

function compareRows(
  a: { keys: unknown[]; id: string },
  b: { keys: unknown[]; id: string },
  sort: readonly SortKey[],
): number {
  for (let i = 0; i < sort.length; i++) {
    const c = compareSortValues(a.keys[i], b.keys[i], (sort[i] as SortKey).dir);
    if (c !== 0) return c;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
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

/** Filters, scopes, matches, sorts and pages rows. Makes no privacy decision. */
export function runQuery(rows: Iterable<QueryRow>, query: RecordQuery, context: QueryContext): RecordPage {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
  const filters = query.filters ?? [];
  const sort = query.sort ?? [];
  const scope = query.scope ?? { kind: 'all' };
  let owners: Set<string> | undefined;
  let ownerSegments: string[] = [];
  if (scope.kind === 'owners') {
    if (context.ownerPointer === undefined) {
      throw new StoreError('INVALID', 'An owner scope needs a registered template (its owner pointer).');
    }
    owners = new Set(scope.ownerIds);
    ownerSegments = segmentsOf(context.ownerPointer);
  }
  const matches = (query.match ?? []).map((m) => ({
    field: m.field,
    index: context.blindIndex(m.field, m.value),
  }));

  const selected: SortRow[] = [];
  for (const row of rows) {
    if (owners !== undefined) {
      const owner = valuesAt(row.record.data, ownerSegments)[0];
      if (typeof owner !== 'string' || !owners.has(owner)) continue;
    }
    if (!matches.every((m) => row.blind[m.field]?.includes(m.index) === true)) continue;
    if (!filters.every((f) => rowMatchesFilter(row.record, f))) continue;
    selected.push({ row, keys: sort.map((s) => valuesAt(row.record.data, segmentsOf(s.field))[0]) });
  }
  selected.sort((a, b) =>
    compareRows({ keys: a.keys, id: a.row.record.id }, { keys: b.keys, id: b.row.record.id }, sort),
  );

  let start = 0;
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor);
    // First row strictly after the cursor (binary search over the sorted rows).
    let lo = 0;
    let hi = selected.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const row = selected[mid] as SortRow;
      if (
        compareRows({ keys: row.keys, id: row.row.record.id }, { keys: cursor.k, id: cursor.id }, sort) <= 0
      )
        lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = selected.slice(start, start + limit);
  const last = page[page.length - 1];
  const nextCursor =
    last !== undefined && start + limit < selected.length
      ? Buffer.from(JSON.stringify({ k: last.keys, id: last.row.record.id } satisfies Cursor)).toString(
          'base64url',
        )
      : null;
  return { records: page.map((s) => structuredClone(s.row.record)), nextCursor, total: selected.length };
}
