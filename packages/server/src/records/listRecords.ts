import type { ExactMatch, ProjectedRecord, Query } from '@veil/policy';
import type { FieldFilter, SortKey } from '@veil/schema';
import { normalizeExact, type RecordQuery } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import { withStore } from '../services/storeErrors.js';
import { auditRead } from './auditRead.js';
import { findRecords } from './findRecords.js';
import { project, type RecordsCaller, sceneOf } from './recordScene.js';
import { guardRecordQuery, refuseEncrypted, storeScopeOf } from './recordScope.js';

export interface ListRecordsOptions {
  templateId: string;
  filters?: FieldFilter[] | undefined;
  sort?: SortKey[] | undefined;
  search?: { text: string; fields: string[] } | undefined;
  match?: ExactMatch[] | undefined;
  /** Count rows per value of one field (answered in `groups`). */
  groupBy?: string[] | undefined;
  /** The search box: the text looked for as `planSearch` says (not with `search`, `match`, `groupBy`). */
  find?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * A page of records as the caller may see them. The guarded query (scope as a condition,
 * filters, matches, search, sort, groups) runs in the store; the server never loads every row
 * in scope. The read is audited with a bounded entry.
 */
export async function listRecords(caller: RecordsCaller, input: ListRecordsOptions) {
  const scene = await sceneOf(caller, input.templateId);
  if (input.find !== undefined) {
    if (input.search || input.match || input.groupBy || input.cursor)
      throw new VeilError(
        'invalid-input',
        caller.locale === 'en'
          ? 'The search box cannot be combined with a field search, a match, grouping or a cursor.'
          : '搜索框不能与字段搜索、精确匹配、分组或翻页游标同时使用。',
      );
    return findRecords(scene, {
      text: input.find,
      filters: input.filters,
      sort: input.sort,
      limit: input.limit,
    });
  }
  const query: Query = {};
  if (input.filters) query.filters = input.filters;
  if (input.sort) query.sort = input.sort;
  if (input.search) query.search = input.search;
  if (input.match) query.match = input.match;
  if (input.groupBy) query.groupBy = input.groupBy;
  const scope = guardRecordQuery(scene, query);
  await refuseEncrypted(scene, query);
  const storeQuery: RecordQuery = {
    scope: await storeScopeOf(scene, scope),
    limit: input.limit ?? 50,
  };
  if (input.filters) storeQuery.filters = input.filters;
  if (input.sort) storeQuery.sort = input.sort;
  if (input.search) storeQuery.search = input.search;
  if (input.match)
    storeQuery.match = input.match.map((m) => ({ field: m.field, value: normalizeExact(m.value) }));
  const groupBy = input.groupBy?.[0];
  if (groupBy !== undefined) storeQuery.groupBy = groupBy;
  if (input.cursor) storeQuery.cursor = input.cursor;
  const page = await withStore(() =>
    scene.services.store.queryRecords(scene.loaded.sanitized.id, storeQuery),
  );
  const rows = page.records.map((r) => project(scene, r)).filter((r): r is ProjectedRecord => r !== null);
  await auditRead(scene, page.records, 'record.list', scene.loaded.sanitized.id);
  return {
    rows,
    nextCursor: page.nextCursor,
    total: page.total,
    ...(page.groups ? { groups: page.groups } : {}),
  };
}

/** The local calendar day of `now` (the server's time zone), `YYYY-MM-DD`. */
function todayOf(now: Date): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/**
 * Records whose due date is today or earlier and that have not left the pipeline (the template's
 * `dueRules.closed`), in the caller's scope. The list is a query the caller may run, or nothing:
 * when they may not read the due date or the closing field in full, `available` is false and no
 * row is read — the server never filters on a field for someone who may not read it.
 */
export async function listDueToday(caller: RecordsCaller, input: { templateId: string }) {
  const scene = await sceneOf(caller, input.templateId);
  const { due, dueRules } = scene.loaded.sanitized;
  const today = todayOf(scene.services.now());
  if (!due) return { today, rows: [], available: true };
  const closed = dueRules?.closed;
  const query: Query = {
    filters: [
      { field: due, op: 'lte', value: today },
      ...(closed ? closed.values.map((value) => ({ field: closed.field, op: 'neq' as const, value })) : []),
    ],
    sort: [{ field: due, dir: 'asc' }],
  };
  const guarded = scene.loaded.policyFor(scene.locale).guardQuery(query, scene.viewer);
  if (guarded.status === 'refused') return { today, rows: [], available: false };
  const page = await scene.services.store.queryRecords(scene.loaded.sanitized.id, {
    filters: query.filters ?? [],
    sort: query.sort ?? [],
    scope: await storeScopeOf(scene, guarded.scope),
    limit: 200,
  });
  const rows = page.records.map((r) => project(scene, r)).filter((r): r is ProjectedRecord => r !== null);
  await auditRead(scene, page.records, 'record.due-today', scene.loaded.sanitized.id);
  return { today, rows, available: true };
}
