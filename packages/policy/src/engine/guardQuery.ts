import type { Relation } from '@veil/schema';
import type { Query, QueryClause, QueryGuardResult, QueryRefusal, Viewer } from '../types.js';
import type { EngineCore } from './engineCore.js';
import { readsInFull } from './readsInFull.js';
import type { RoleSetTables } from './roleSetTables.js';
import { scopeConditionOf } from './scopeCondition.js';

type FieldCheck = QueryRefusal['reason'] | null;

/** A field may be filtered, sorted, searched, grouped or aggregated only if read in full on every admitted relation. */
export function checkValueField(core: EngineCore, tables: RoleSetTables, path: string): FieldCheck {
  const node = core.tree.byPath.get(path);
  if (node === undefined) return 'unknown-field';
  if (node.container !== null) return 'not-a-value';
  // A viewer without any known role admits nothing and so reads nothing.
  if (tables.admitted.length === 0) return 'not-readable-in-full';
  for (const relation of tables.admitted) {
    if (!readsInFull(tables, node, relation)) return 'not-readable-in-full';
  }
  return null;
}

/**
 * Decides whether a table query may run. Every offending field is named with its clause and
 * reason; a refusal is an error for the caller, never a silently narrowed answer.
 */
export function guardQuery(core: EngineCore, query: Query, viewer: Viewer): QueryGuardResult {
  const tables = core.tablesFor(viewer);
  const refusals: QueryRefusal[] = [];
  const check = (field: string, clause: QueryClause): void => {
    const reason = checkValueField(core, tables, field);
    if (reason !== null) refusals.push({ field, clause, reason });
  };
  for (const filter of query.filters ?? []) check(filter.field, 'filter');
  for (const key of query.sort ?? []) check(key.field, 'sort');
  for (const field of query.search?.fields ?? []) check(field, 'search');
  const matchScope: { field: string; relations: Relation[] }[] = [];
  for (const match of query.match ?? []) {
    const node = core.tree.byPath.get(match.field);
    let reason: FieldCheck = null;
    let relations: Relation[] = [];
    if (node === undefined) reason = 'unknown-field';
    else if (node.container !== null) reason = 'not-a-value';
    else if (node.field.privacy.search !== 'exact') reason = 'no-blind-index';
    else {
      relations = tables.admitted.filter((relation) => readsInFull(tables, node, relation));
      if (relations.length === 0) reason = 'not-readable-in-full';
    }
    if (reason !== null) refusals.push({ field: match.field, clause: 'match', reason });
    else if (!matchScope.some((entry) => entry.field === match.field))
      matchScope.push({ field: match.field, relations });
  }
  for (const field of query.groupBy ?? []) check(field, 'groupBy');
  for (const aggregate of query.aggregates ?? []) {
    if (aggregate.field === undefined) {
      if (aggregate.op === 'count') continue;
      refusals.push({ field: '', clause: 'aggregate', reason: 'not-a-value' });
      continue;
    }
    check(aggregate.field, 'aggregate');
  }
  if (refusals.length > 0) return { status: 'refused', refusals };
  const relations = tables.admitted.filter((relation) =>
    matchScope.every((entry) => entry.relations.includes(relation)),
  );
  return { status: 'allowed', scope: scopeConditionOf(viewer, relations), matchScope };
}
