import { ownerScopeOf, type Query, type ScopeCondition, type Viewer } from '@veil/policy';
import { RELATIONS, type Relation } from '@veil/schema';
import type { RecordScope, Store } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import type { Scene } from './recordScene.js';

/** The relations in the order `@veil/schema` lists them (most specific first). */
const [OWNER, TEAM, ANY] = RELATIONS as readonly [Relation, Relation, Relation];

/**
 * Translates `@veil/policy`'s scope condition (the row scope `guardQuery` returned, already
 * narrowed for blind-index matches) into the store's: a condition the store joins (own records,
 * team departments) rather than a list of owners built from every user. The policy decides
 * which relations are in scope; this only restates them in the store's terms (the store's
 * condition: the owner is `self` → `own`, else the owner's department is listed). A scope that
 * admits `any` without admitting everything cannot be said as a condition and falls back to
 * owner ids (`ownerScopeOf`, which walks the users; no default role has such a scope).
 */
export function storeScopeOf(scene: Scene, scope: ScopeCondition): Promise<RecordScope> {
  return scopeForStore(scene.services.store, scene.viewer, scope);
}

/** {@link storeScopeOf} for callers without a records scene (exports): the same translation. */
export async function scopeForStore(
  store: Store,
  viewer: Viewer,
  scope: ScopeCondition,
): Promise<RecordScope> {
  const admits = (relation: Relation): boolean => scope.relations.includes(relation);
  if (RELATIONS.every(admits)) return { kind: 'all' };
  if (!admits(ANY)) {
    return {
      kind: 'condition',
      self: scope.self,
      own: admits(OWNER),
      departments: admits(TEAM) ? [...scope.departments] : [],
    };
  }
  const users = await store.listDocs('users');
  return ownerScopeOf(
    scope,
    users.map((u) => u.id),
    viewer.departmentOf,
  );
}

/** Runs `@veil/policy`'s query guard: a refusal is an error naming every offending field; else the scope condition. */
export function guardRecordQuery(scene: Scene, query: Query): ScopeCondition {
  const result = scene.policy.guardQuery(query, scene.viewer);
  if (result.status === 'refused') {
    const refusals = result.refusals;
    throw new VeilError(
      'query-refused',
      `This query uses fields you may not filter, sort or search on: ${refusals.map((r) => `${r.field} (${r.clause}: ${r.reason})`).join(', ')}.`,
      {
        issues: refusals.map((r) => ({
          path: r.field,
          code: r.reason,
          message: `Not allowed in ${r.clause}.`,
        })),
      },
    );
  }
  return result.scope;
}

/** Fields encrypted at rest answer only whole-value matches: anything else is refused by title. */
export async function refuseEncrypted(scene: Scene, query: Query): Promise<void> {
  const storage = await scene.services.store.getTemplateStorage(scene.loaded.sanitized.id);
  const encrypted = new Set(storage?.everEncrypted ?? storage?.encrypted ?? []);
  const used = [
    ...(query.filters ?? []).map((f) => f.field),
    ...(query.sort ?? []).map((s) => s.field),
    ...(query.search?.fields ?? []),
    ...(query.groupBy ?? []),
  ].filter((field) => encrypted.has(field));
  if (used.length === 0) return;
  const titles = [...new Set(used)].map(
    (path) => scene.loaded.sanitized.fields.find((f) => f.path === path)?.title ?? 'a field',
  );
  throw new VeilError(
    'query-refused',
    `These fields are encrypted at rest and can only be found by their whole value: ${titles.join(', ')}.`,
    {
      issues: used.map((path) => ({
        path,
        code: 'encrypted',
        message: 'Search this field by its whole value.',
      })),
    },
  );
}
