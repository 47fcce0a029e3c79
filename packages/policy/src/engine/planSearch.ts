import type { Relation } from '@veil/schema';
import type { Viewer } from '../types.js';
import type { EngineCore } from './engineCore.js';
import type { FieldNode } from './fieldTree.js';
import { readsInFull } from './readsInFull.js';

/** Case-insensitive substring search over `fields`, on the records whose relation is one of `relations`. */
export interface SearchPart {
  relations: Relation[];
  fields: string[];
}

/** A whole value typed in full, matched through the field's blind index on `relations` only. */
export interface ExactSearch {
  field: string;
  format?: string;
  relations: Relation[];
}

/** What the search box covers for one field, for the interface to say. */
export interface SearchCoverage {
  field: string;
  /** Relations on which a part of the value finds the record (empty: only a whole value does). */
  substring: Relation[];
  /** A whole value typed in full finds the record through the blind index (on `exactRelations`). */
  exact: boolean;
  exactRelations: Relation[];
  /** Substring on every relation the viewer's scope admits. */
  everywhere: boolean;
}

/**
 * The search box for one viewer: which fields a typed text is looked for in, and on which
 * records. A part of the value finds a record only in fields the viewer reads in full on that
 * record (so a rep finds her own customer by the contact's phone, a colleague's only by what she
 * reads of it in full); a whole value typed in full is matched through the blind index where the
 * field has `search: exact`, only on records where the viewer reads that field in full. The
 * server runs exactly this plan and the interface lists `covers`: nothing is offered that the
 * query guard would refuse.
 */
export interface SearchPlan {
  /** One part per set of relations that read the same fields in full (disjoint relations). */
  substring: SearchPart[];
  exact: ExactSearch[];
  covers: SearchCoverage[];
}

export interface PlanSearchOptions {
  /** Paths encrypted at rest (the store's sticky list): found only by a whole value. */
  encrypted?: ReadonlySet<string> | readonly string[];
}

const DATE_FORMATS = new Set(['date', 'date-time', 'time']);

/** Free text or an identifier a person types part of: a string value, not a choice, date or owner. */
function substringCandidate(core: EngineCore, node: FieldNode, encrypted: ReadonlySet<string>): boolean {
  const f = node.field;
  if (node.container !== null || !f.leaf) return false;
  if ((f.itemKind ?? f.kind) !== 'string') return false;
  if (f.enum !== undefined || (f.format !== undefined && DATE_FORMATS.has(f.format))) return false;
  if (f.path === core.template.owner) return false;
  return !encrypted.has(f.path) && !f.privacy.encrypt;
}

export function planSearch(core: EngineCore, viewer: Viewer, options: PlanSearchOptions = {}): SearchPlan {
  const tables = core.tablesFor(viewer);
  const encrypted = new Set(options.encrypted ?? []);
  const admitted = tables.admitted;
  const byRelation = new Map<Relation, string[]>(admitted.map((r) => [r, []]));
  const exact: ExactSearch[] = [];
  const covers: SearchCoverage[] = [];
  for (const node of core.tree.nodes) {
    const inFull = admitted.filter((relation) => readsInFull(tables, node, relation));
    if (inFull.length === 0) continue;
    const substring = substringCandidate(core, node, encrypted) ? inFull : [];
    for (const relation of substring) byRelation.get(relation)?.push(node.field.path);
    const isExact = node.container === null && node.field.privacy.search === 'exact';
    if (isExact) {
      const entry: ExactSearch = { field: node.field.path, relations: inFull };
      if (node.field.format !== undefined) entry.format = node.field.format;
      exact.push(entry);
    }
    if (substring.length === 0 && !isExact) continue;
    covers.push({
      field: node.field.path,
      substring,
      exact: isExact,
      exactRelations: isExact ? inFull : [],
      everywhere: substring.length === admitted.length,
    });
  }
  // Relations reading the same fields in full share one part: usually one or two store queries.
  const parts: SearchPart[] = [];
  for (const relation of admitted) {
    const fields = byRelation.get(relation) ?? [];
    if (fields.length === 0) continue;
    const key = fields.join('\n');
    const same = parts.find((p) => p.fields.join('\n') === key);
    if (same) same.relations.push(relation);
    else parts.push({ relations: [relation], fields });
  }
  return { substring: parts, exact, covers };
}
