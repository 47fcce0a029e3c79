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

/** A field's title in the scene's language (a JSON pointer is never shown to a person). */
function fieldTitle(scene: Scene, path: string): string {
  const field = scene.loaded.sanitized.fields.find((f) => f.path === path);
  if (field === undefined) return scene.locale === 'en' ? 'an unknown field' : '未知字段';
  return field.i18n?.[scene.locale]?.title ?? field.title;
}

/** Titles joined as the scene's language lists them. */
function titlesOf(scene: Scene, paths: readonly string[]): string {
  return [...new Set(paths)].map((p) => fieldTitle(scene, p)).join(scene.locale === 'en' ? ', ' : '、');
}

/**
 * Runs `@veil/policy`'s query guard: a refusal is an error in the viewer's language naming every
 * offending field by its title (the issues carry the paths, for the interface); else the scope.
 */
export function guardRecordQuery(scene: Scene, query: Query): ScopeCondition {
  const result = scene.policy.guardQuery(query, scene.viewer);
  if (result.status === 'refused') {
    const refusals = result.refusals;
    const titles = titlesOf(
      scene,
      refusals.map((r) => r.field),
    );
    throw new VeilError(
      'query-refused',
      scene.locale === 'en'
        ? `You may not filter, sort or search on: ${titles}.`
        : `您不能按这些字段筛选、排序或搜索：${titles}。`,
      {
        issues: refusals.map((r) => ({
          path: r.field,
          code: r.reason,
          message:
            scene.locale === 'en'
              ? `${fieldTitle(scene, r.field)}: not allowed in ${r.clause}.`
              : `${fieldTitle(scene, r.field)}：不可用于${CLAUSE_ZH[r.clause] ?? r.clause}。`,
        })),
      },
    );
  }
  return result.scope;
}

const CLAUSE_ZH: Record<string, string> = {
  filter: '筛选',
  sort: '排序',
  search: '搜索',
  match: '精确匹配',
  groupBy: '分组',
  aggregate: '汇总',
};

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
  const titles = titlesOf(scene, used);
  throw new VeilError(
    'query-refused',
    scene.locale === 'en'
      ? `These fields are encrypted at rest and can only be found by their whole value: ${titles}.`
      : `这些字段加密存储，只能按完整值查找：${titles}。`,
    {
      issues: used.map((path) => ({
        path,
        code: 'encrypted',
        message: scene.locale === 'en' ? 'Search this field by its whole value.' : '请按完整值查找此字段。',
      })),
    },
  );
}
