import {
  type ProjectedRecord,
  type Query,
  type SearchPlan,
  scopeConditionOf,
  type VeilRecord,
} from '@veil/policy';
import { type FieldFilter, FORMAT_VALIDATORS, type Relation, type SortKey } from '@veil/schema';
import { compareSortValues, normalizeExact, type RecordPage, type RecordQuery } from '@veil/store';
import { withStore } from '../services/storeErrors.js';
import { auditRead } from './auditRead.js';
import { project, type Scene } from './recordScene.js';
import { guardRecordQuery, refuseEncrypted, storeScopeOf } from './recordScope.js';

export interface FindInput {
  text: string;
  filters?: FieldFilter[] | undefined;
  sort?: SortKey[] | undefined;
  limit?: number | undefined;
}

/** A list page's shape (a search is answered in one page and is not grouped). */
export interface FoundPage {
  rows: ProjectedRecord[];
  nextCursor: string | null;
  total: number;
  groups?: RecordPage['groups'];
}

/** The search box's plan for the scene's viewer (fields encrypted at rest found only whole). */
async function searchPlanOf(scene: Scene): Promise<SearchPlan> {
  const storage = await scene.services.store.getTemplateStorage(scene.loaded.sanitized.id);
  const encrypted = storage?.everEncrypted ?? storage?.encrypted ?? [];
  return scene.policy.planSearch(scene.viewer, { encrypted });
}

/** Whether `text` is a whole value for a field of this format (any text when it has none). */
function wholeValue(format: string | undefined, text: string): boolean {
  const valid = format === undefined ? undefined : FORMAT_VALIDATORS[format];
  if (valid === undefined) return true;
  return valid(text) || valid(normalizeExact(text));
}

/** The first value at a schema path (`*` = every item), as the store sorts on it. */
function firstValue(data: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return data;
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '*') {
    if (!Array.isArray(data)) return undefined;
    for (const item of data) {
      const v = firstValue(item, rest);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  if (data === null || typeof data !== 'object') return undefined;
  return firstValue((data as Record<string, unknown>)[head], rest);
}

/** The store's order: sort keys (missing last), ties by id ascending. */
function comparator(sort: readonly SortKey[]) {
  const paths = sort.map((s) => s.field.slice(1).split('/'));
  return (a: VeilRecord, b: VeilRecord): number => {
    for (let i = 0; i < sort.length; i++) {
      const path = paths[i] as string[];
      const c = compareSortValues(
        firstValue(a.data, path),
        firstValue(b.data, path),
        (sort[i] as SortKey).dir,
      );
      if (c !== 0) return c;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/**
 * The search box (issue 13): the typed text is looked for as `@veil/policy`'s `planSearch` says —
 * a part of it in the fields read in full on each relation (one store query per part; parts
 * cover disjoint relations), a whole value through the blind index where the field has
 * `search: exact`, on the relations that read it in full. The viewer's filters and sort apply to
 * every part (guarded like any query); the answer is the first `limit` rows of the union in
 * sort order, with its exact size. Nothing is searched that the viewer does not read in full.
 */
export async function findRecords(scene: Scene, input: FindInput) {
  const base: Query = {};
  if (input.filters) base.filters = input.filters;
  if (input.sort) base.sort = input.sort;
  guardRecordQuery(scene, base);
  await refuseEncrypted(scene, base);
  const plan = await searchPlanOf(scene);
  const limit = input.limit ?? 50;
  const text = input.text.trim();
  const common = { filters: input.filters ?? [], sort: input.sort ?? [], limit };
  const run = async (relations: readonly Relation[], extra: Partial<RecordQuery>): Promise<RecordPage> => {
    const scope = await storeScopeOf(scene, scopeConditionOf(scene.viewer, relations));
    return withStore(() =>
      scene.services.store.queryRecords(scene.loaded.sanitized.id, { ...common, ...extra, scope }),
    );
  };
  const substring = await Promise.all(
    plan.substring.map((part) => run(part.relations, { search: { text, fields: part.fields } })),
  );
  const exactParts = plan.exact.filter((e) => wholeValue(e.format, text));
  const value = normalizeExact(text);
  const exact = await Promise.all(
    exactParts.map((e) => run(e.relations, { match: [{ field: e.field, value }], limit: 1000 })),
  );
  // Rows a whole-value match adds beyond the substring parts (these are few: one phone number).
  const inSubstring = new Set<string>();
  await Promise.all(
    exactParts.map(async (e, i) => {
      const found = exact[i] as RecordPage;
      if (found.total === 0) return;
      for (const part of plan.substring) {
        const relations = part.relations.filter((r) => e.relations.includes(r));
        if (relations.length === 0) continue;
        const both = await run(relations, {
          search: { text, fields: part.fields },
          match: [{ field: e.field, value }],
          limit: 1000,
        });
        for (const r of both.records) inSubstring.add(r.id);
      }
    }),
  );
  const added = new Set<string>();
  for (const page of exact) for (const r of page.records) if (!inSubstring.has(r.id)) added.add(r.id);
  const total = substring.reduce((sum, page) => sum + page.total, 0) + added.size;
  const byId = new Map<string, VeilRecord>();
  for (const page of [...substring, ...exact]) for (const r of page.records) byId.set(r.id, r);
  const records = [...byId.values()].sort(comparator(input.sort ?? [])).slice(0, limit);
  const rows = records.map((r) => project(scene, r)).filter((r): r is ProjectedRecord => r !== null);
  await auditRead(scene, records, 'record.list', scene.loaded.sanitized.id);
  const answer: FoundPage = { rows, nextCursor: null, total };
  return answer;
}
