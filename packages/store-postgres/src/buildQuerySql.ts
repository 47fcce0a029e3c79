import type { RecordFilter, RecordQuery } from '@veil/store';
import { StoreError } from '@veil/store';
import { decodeCursor } from '@veil/store/adapter';
import { sortKey } from './projectRecord.js';

/** A parameterised SQL fragment builder: every value from the query is a `$n` parameter. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  json(value: unknown): string {
    return `${this.add(JSON.stringify(value))}::jsonb`;
  }
}

const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** `terms` holds `=path` → values and items: containment of one scalar is "some value equals or holds it". */
function holds(p: Params, field: string, value: unknown): string {
  if (isScalar(value)) return `r.terms @> ${p.json({ [`=${field}`]: [value] })}`;
  // Objects and arrays (rare): equal to a whole value.
  return `EXISTS (SELECT 1 FROM jsonb_array_elements(r.proj->${p.add(`v${field}`)}) e WHERE e = ${p.json(value)})`;
}

function rangeSql(p: Params, field: string, op: 'lt' | 'lte' | 'gt' | 'gte', target: unknown): string {
  if (typeof target !== 'number' && typeof target !== 'string') return 'false';
  // Range keys of one type share a prefix: a number never compares with a string.
  const key = sortKey(target);
  const prefix = key.slice(0, 1);
  const sign = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[op];
  return `EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.proj->${p.add(`k${field}`)}) k WHERE k COLLATE "C" ${sign} ${p.add(key)} AND k COLLATE "C" >= ${p.add(prefix)} AND k COLLATE "C" < ${p.add(String.fromCharCode(prefix.charCodeAt(0) + 1))})`;
}

function filterSql(p: Params, filter: RecordFilter): string {
  const { field, value } = filter;
  switch (filter.op) {
    case 'exists': {
      const present = `r.proj ? ${p.add(`v${field}`)}`;
      return value === false ? `NOT (${present})` : present;
    }
    case 'eq':
      return holds(p, field, value);
    case 'neq':
      return `NOT (${holds(p, field, value)})`;
    case 'in': {
      if (!Array.isArray(value) || value.length === 0) return 'false';
      return `(${value.map((v) => holds(p, field, v)).join(' OR ')})`;
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return rangeSql(p, field, filter.op, value);
    case 'contains': {
      const element = isScalar(value)
        ? `r.terms @> ${p.json({ [`[]${field}`]: [value] })}`
        : `EXISTS (SELECT 1 FROM jsonb_array_elements(r.proj->${p.add(`v${field}`)}) a, jsonb_array_elements(CASE WHEN jsonb_typeof(a) = 'array' THEN a ELSE '[]'::jsonb END) e WHERE e = ${p.json(value)})`;
      if (typeof value !== 'string') return element;
      const text = `EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.proj->${p.add(`l${field}`)}) l WHERE strpos(l, ${p.add(value.toLowerCase())}) > 0)`;
      return `(${text} OR ${element})`;
    }
  }
  throw new StoreError('INVALID', `Unknown filter operator on ${field}.`);
}

/** The scope as a condition joined against users and the department tree (`sub` is the subtree CTE). */
function scopeSql(p: Params, query: RecordQuery): { where?: string; with?: string } {
  const scope = query.scope;
  if (scope === undefined || scope.kind === 'all') return {};
  if (scope.kind === 'owners') return { where: `r.owner = ANY(${p.add(scope.ownerIds)}::text[])` };
  const subtrees = scope.subtrees ?? [];
  const withSql =
    subtrees.length === 0
      ? undefined
      : `RECURSIVE sub(id) AS (SELECT unnest(${p.add(subtrees)}::text[]) COLLATE "C" UNION SELECT d.id FROM docs d JOIN sub ON d.coll = 'departments' AND d.doc->>'parentId' = sub.id)`;
  const self = p.add(scope.self);
  const departments = `u.doc->>'departmentId' = ANY(${p.add(scope.departments)}::text[])${withSql ? ` OR u.doc->>'departmentId' IN (SELECT id FROM sub)` : ''}`;
  const team = `r.owner IN (SELECT u.id FROM docs u WHERE u.coll = 'users' AND (${departments}))`;
  const own = scope.own ? `r.owner = ${self} OR ` : '';
  const where = `(${own}(r.owner <> ${self} AND ${team}))`;
  return withSql ? { where, with: withSql } : { where };
}

export interface QuerySql {
  with: string | undefined;
  /** Conditions of the rows the query matches (scope, matches, filters, search). */
  where: string;
  params: Params;
}

/** Translates the conditions of a guarded query; `blind` computes a match's blind index. */
export function buildWhere(
  templateId: string,
  query: RecordQuery,
  blind: (field: string, value: string) => string,
): QuerySql {
  const p = new Params();
  const conditions = [`r.template_id = ${p.add(templateId)}`];
  const scope = scopeSql(p, query);
  if (scope.where) conditions.push(scope.where);
  for (const m of query.match ?? [])
    conditions.push(`r.blind @> ARRAY[${p.add(`${m.field}\n${blind(m.field, m.value)}`)}]::text[]`);
  for (const f of query.filters ?? []) conditions.push(filterSql(p, f));
  if (query.search !== undefined) {
    const needle = query.search.text.toLowerCase();
    const any = query.search.fields.map(
      (field) =>
        `EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.proj->${p.add(`t${field}`)}) t WHERE strpos(t, ${p.add(needle)}) > 0)`,
    );
    conditions.push(any.length === 0 ? 'false' : `(${any.join(' OR ')})`);
  }
  return { with: scope.with, where: conditions.join(' AND '), params: p };
}

/** ORDER BY and the keyset condition after a cursor (missing values last in both directions). */
export function buildOrder(query: RecordQuery, p: Params): { orderBy: string; after?: string } {
  const sort = query.sort ?? [];
  const exprs = sort.map((s) => `(r.proj->>${p.add(`s${s.field}`)}) COLLATE "C"`);
  const orderBy = [
    ...sort.map((s, i) => `${exprs[i]} ${s.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`),
    'r.id ASC',
  ].join(', ');
  if (query.cursor === undefined) return { orderBy };
  const cursor = decodeCursor(query.cursor);
  if (cursor.k.length !== sort.length || cursor.k.some((k) => k !== null && typeof k !== 'string'))
    throw new StoreError('INVALID', 'The cursor is not one this store issued.');
  const after = (i: number): string => {
    if (i === sort.length) return `r.id > ${p.add(cursor.id)}`;
    const e = exprs[i] as string;
    const c = cursor.k[i] as string | null;
    if (c === null) return `(${e} IS NULL AND ${after(i + 1)})`;
    const cp = p.add(c);
    const beyond = sort[i]?.dir === 'desc' ? `${e} < ${cp}` : `${e} > ${cp}`;
    return `(${beyond} OR ${e} IS NULL OR (${e} = ${cp} AND ${after(i + 1)}))`;
  };
  return { orderBy, after: after(0) };
}
