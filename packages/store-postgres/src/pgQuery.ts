import type { VeilRecord } from '@veil/policy';
import type { RecordGroup, RecordPage, RecordQuery } from '@veil/store';
import { encodeCursor } from '@veil/store/adapter';
import { buildOrder, buildWhere } from './buildQuerySql.js';
import type { Queryable } from './pgTransaction.js';

export interface QueryDeps {
  db: Queryable;
  blind: (field: string, value: string) => string;
  /** Decodes stored rows (decrypting), loading data keys another server created when needed. */
  decode: (docs: unknown[]) => Promise<VeilRecord[]>;
}

const prefix = (withSql: string | undefined) => (withSql ? `WITH ${withSql} ` : '');

/** A keyset page, the total and (with `groupBy`) the group counts, each one SQL statement. */
export async function queryPage(
  deps: QueryDeps,
  templateId: string,
  query: RecordQuery,
): Promise<RecordPage> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
  const base = buildWhere(templateId, query, deps.blind);
  const p = base.params;
  const { orderBy, after } = buildOrder(query, p);
  const keys = (query.sort ?? []).map((s) => `r.proj->>${p.add(`s${s.field}`)}`);
  const keysSql = keys.length === 0 ? 'ARRAY[]::text[]' : `ARRAY[${keys.join(', ')}]::text[]`;
  const where = after ? `${base.where} AND ${after}` : base.where;
  const pageSql = `${prefix(base.with)}SELECT r.doc, r.id, ${keysSql} AS keys FROM records r WHERE ${where} ORDER BY ${orderBy} LIMIT ${p.add(limit + 1)}`;
  const [page, total, groups] = await Promise.all([
    deps.db.query<{ doc: unknown; id: string; keys: (string | null)[] }>(pageSql, p.values),
    countRows(deps, templateId, query),
    query.groupBy === undefined ? undefined : groupRows(deps, templateId, query, query.groupBy),
  ]);
  const rows = page.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const result: RecordPage = {
    records: await deps.decode(rows.map((r) => r.doc)),
    nextCursor: page.rows.length > limit && last ? encodeCursor({ k: last.keys, id: last.id }) : null,
    total,
  };
  if (groups !== undefined) result.groups = groups;
  return result;
}

export async function countRows(deps: QueryDeps, templateId: string, query: RecordQuery): Promise<number> {
  const base = buildWhere(templateId, query, deps.blind);
  const { rows } = await deps.db.query<{ n: number }>(
    `${prefix(base.with)}SELECT count(*)::int AS n FROM records r WHERE ${base.where}`,
    base.params.values,
  );
  return rows[0]?.n ?? 0;
}

/** Rows per distinct value (a row once per value, `null` without one), ordered as the embedded store orders them. */
async function groupRows(
  deps: QueryDeps,
  templateId: string,
  query: RecordQuery,
  field: string,
): Promise<RecordGroup[]> {
  const base = buildWhere(templateId, query, deps.blind);
  const path = base.params.add(`v${field}`);
  const { rows } = await deps.db.query<{ v: unknown; n: number }>(
    `${prefix(base.with)}SELECT v, count(*)::int AS n FROM (
       SELECT DISTINCT r.id, e.v FROM records r
       LEFT JOIN LATERAL jsonb_array_elements(r.proj->${path}) AS e(v) ON true
       WHERE ${base.where}) g GROUP BY v`,
    base.params.values,
  );
  const keyOf = (v: unknown) => (typeof v === 'string' ? `s${v}` : JSON.stringify(v));
  return rows
    .map((r) => ({ value: r.v ?? null, count: r.n, key: keyOf(r.v ?? null) }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ value, count }) => ({ value, count }));
}
