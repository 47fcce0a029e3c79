import type { RecordGroup, RecordPage, RecordQuery } from '../store.js';
import { type CountKey, MISSING } from './countIndex.js';
import { deepFreeze } from './deepFreeze.js';
import { decodeCursor, encodeCursor } from './queryCursor.js';
import type { RowTable } from './rowTable.js';
import { compileRowTest, countRows, type QueryContext, runQuery } from './runQuery.js';
import type { SortEntry } from './sortIndex.js';

/** What the indexed runner needs beyond `QueryContext`. */
export interface IndexedQueryContext extends QueryContext {
  /** The owners whose rows are in the query's scope; `undefined` = every row. */
  scopeOwners: () => Iterable<string> | undefined;
}

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The field whose per-value counts answer the query's `total` and `groups`, and the values its
 * filters admit (`undefined` = every value), or `null` when counts cannot answer it: a search,
 * a blind-index match, a filter other than `eq`/`in`, or filters and groups on different fields.
 */
function countPlan(query: RecordQuery): { path: string | undefined; admit: Set<Scalar> | undefined } | null {
  if (query.search !== undefined || (query.match?.length ?? 0) > 0) return null;
  let path: string | undefined;
  let admit: Set<Scalar> | undefined;
  for (const filter of query.filters ?? []) {
    if (filter.op !== 'eq' && filter.op !== 'in') return null;
    if (path !== undefined && path !== filter.field) return null;
    path = filter.field;
    const targets: unknown[] =
      filter.op === 'eq' ? [filter.value] : Array.isArray(filter.value) ? filter.value : [];
    const values = new Set(targets.filter(isScalar));
    admit = admit === undefined ? values : new Set([...admit].filter((v) => values.has(v)));
  }
  if (query.groupBy !== undefined) {
    if (path !== undefined && path !== query.groupBy) return null;
    path = query.groupBy;
  }
  return { path, admit };
}

/** The group key `GroupCounter` uses, so both paths order ties alike. */
const groupKey = (value: Scalar): string => (typeof value === 'string' ? `s${value}` : JSON.stringify(value));

function groupsOf(counts: Map<CountKey, number>, admit: Set<Scalar> | undefined): RecordGroup[] {
  const merged = new Map<string, RecordGroup>();
  for (const [key, count] of counts) {
    if (admit !== undefined && (key === MISSING || !admit.has(key))) continue;
    const value = key === MISSING ? null : key;
    const k = groupKey(value);
    const group = merged.get(k);
    if (group === undefined) merged.set(k, { value, count });
    else group.count += count;
  }
  return [...merged.entries()]
    .sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([, group]) => group);
}

function totalOf(counts: Map<CountKey, number>, admit: Set<Scalar> | undefined): number {
  let total = 0;
  for (const [key, n] of counts) if (admit === undefined || (key !== MISSING && admit.has(key))) total += n;
  return total;
}

/** With a blind-index match: the rows its first match admits (no other row can match). */
function matchCandidates(table: RowTable, query: RecordQuery, context: IndexedQueryContext) {
  const first = query.match?.[0];
  return first === undefined
    ? undefined
    : table.matching(first.field, context.blindIndex(first.field, first.value));
}

/**
 * `runQuery` on a table's indexes, with the same answers: the page is read in sort order from
 * the start or the cursor until it is full (plus one row, to know whether another page follows),
 * and `total` and `groups` are sums of per-owner counts. A query the counts cannot answer, or a
 * field holding arrays or objects, runs as one pass over every row (`runQuery`).
 */
export function runIndexedQuery(
  table: RowTable,
  query: RecordQuery,
  context: IndexedQueryContext,
): RecordPage {
  const candidates = matchCandidates(table, query, context);
  if (candidates !== undefined) return runQuery(candidates, query, context);
  const plan = countPlan(query);
  const counter = plan === null ? undefined : table.counts(plan.path, context.ownerPointer);
  if (plan === null || counter === undefined || !counter.usable)
    return runQuery(table.values(), query, context);
  const counts = counter.countsOf(context.scopeOwners());
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
  const index = table.sorted(query.sort ?? []);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const test = compileRowTest(query, context);
  const page: SortEntry[] = [];
  let more = false;
  const { entries } = index;
  for (let i = cursor === undefined ? 0 : index.after(cursor.k, cursor.id); i < entries.length; i++) {
    const entry = entries[i] as SortEntry;
    if (!test(entry.row)) continue;
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(entry);
  }
  const last = page[page.length - 1];
  const result: RecordPage = {
    // Rows are replaced, never changed, so a page hands out the kept records, frozen, uncopied.
    records: page.map((e) => deepFreeze(e.row.record)),
    nextCursor: last !== undefined && more ? encodeCursor({ k: last.keys, id: last.id }) : null,
    total: totalOf(counts, plan.admit),
  };
  if (query.groupBy !== undefined) result.groups = groupsOf(counts, plan.admit);
  return result;
}

/** `countRows` on a table's counts where they answer the query. */
export function countIndexedRows(table: RowTable, query: RecordQuery, context: IndexedQueryContext): number {
  const candidates = matchCandidates(table, query, context);
  if (candidates !== undefined) return countRows(candidates, query, context);
  const { groupBy: _groupBy, ...counted } = query;
  const plan = countPlan(counted);
  const counter = plan === null ? undefined : table.counts(plan.path, context.ownerPointer);
  if (plan === null || counter === undefined || !counter.usable)
    return countRows(table.values(), query, context);
  return totalOf(counter.countsOf(context.scopeOwners()), plan.admit);
}
