import type { Viewer } from '../types.js';
import { HIDDEN } from './accessRank.js';
import type { EngineCore } from './engineCore.js';
import { checkValueField } from './guardQuery.js';
import { readsInFull } from './readsInFull.js';

/** What a table may offer on one field for one viewer: the query guard's answers, asked in advance. */
export interface ColumnDescription {
  /** Schema path of the field. */
  path: string;
  /**
   * Filter, sort, search, group-by and aggregates on it are allowed: a value field read in full
   * on every relation the viewer's row scope admits (`guardQuery` refuses exactly the others).
   */
  queryable: boolean;
  /** A whole-value match through its blind index is allowed (`search: exact`, read in full on some admitted relation). */
  matchable: boolean;
}

/**
 * The fields the viewer sees on some record of its scope, in schema order, each with what the
 * query guard allows on it: the table offers exactly these, so it never offers what the server
 * would refuse nor hides what it would answer.
 */
export function describeColumns(core: EngineCore, viewer: Viewer): ColumnDescription[] {
  const tables = core.tablesFor(viewer);
  const out: ColumnDescription[] = [];
  for (const node of core.tree.nodes) {
    if (tables.admitted.every((relation) => tables.access[relation][node.index] === HIDDEN)) continue;
    const matchable =
      node.container === null &&
      node.field.privacy.search === 'exact' &&
      tables.admitted.some((relation) => readsInFull(tables, node, relation));
    out.push({
      path: node.field.path,
      queryable: checkValueField(core, tables, node.field.path) === null,
      matchable,
    });
  }
  return out;
}
