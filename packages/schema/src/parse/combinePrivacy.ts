import type { AccessLevel, AccessMap, AccessRule, EditMap, Relation, XPrivacy } from '../privacy.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import { ACCESS_RANK, accessForRelation, EXPORT_RANK, LEVEL_RANK, maskRank } from './privacyOrder.js';

const RELATIONS: readonly Relation[] = ['owner', 'team', 'any'];

/** The rule a map gives `key` (a role id, kind or `*`), by the same specificity as resolution. */
function ruleFor(map: AccessMap, key: string, policy: WorkspacePolicy): AccessRule | undefined {
  if (Object.hasOwn(map, key)) return map[key];
  const role = policy.roles.find((r) => r.id === key);
  if (role && Object.hasOwn(map, role.kind)) return map[role.kind];
  if (key !== '*' && Object.hasOwn(map, '*')) return map['*'];
  return undefined;
}

function combineAccess(a: AccessMap, b: AccessMap, policy: WorkspacePolicy): AccessMap {
  const out: AccessMap = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const ra = ruleFor(a, key, policy);
    const rb = ruleFor(b, key, policy);
    if (ra === undefined || rb === undefined) {
      out[key] = (ra ?? rb)!;
      continue;
    }
    const rule: Partial<Record<Relation, AccessLevel>> = {};
    for (const rel of RELATIONS) {
      const la = accessForRelation(ra, rel);
      const lb = accessForRelation(rb, rel);
      rule[rel] = ACCESS_RANK[la] <= ACCESS_RANK[lb] ? la : lb;
    }
    out[key] = rule;
  }
  return out;
}

function combineEdit(a: EditMap, b: EditMap): EditMap {
  const out: EditMap = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const la = a[key];
    const lb = b[key];
    out[key] = la && lb ? la.filter((r) => lb.includes(r)) : [...(la ?? lb ?? [])];
  }
  return out;
}

/**
 * Combines the `x-privacy` of a definition with the one beside its `$ref` by taking the stricter
 * of each key (docs/decisions, "schema-parse-stricter"). Where neither is stricter, the one beside
 * the `$ref` (the more specific) wins.
 */
export function combinePrivacy(def: XPrivacy, site: XPrivacy, policy: WorkspacePolicy): XPrivacy {
  const out: XPrivacy = { ...def, ...site };
  if (def.level && site.level)
    out.level = LEVEL_RANK[def.level] >= LEVEL_RANK[site.level] ? def.level : site.level;
  if (def.categories && site.categories)
    out.categories = [...new Set([...def.categories, ...site.categories])];
  if (def.mask && site.mask) out.mask = maskRank(def.mask) > maskRank(site.mask) ? def.mask : site.mask;
  if (def.access && site.access) out.access = combineAccess(def.access, site.access, policy);
  if (def.edit && site.edit) out.edit = combineEdit(def.edit, site.edit);
  if (def.export && site.export) {
    out.export = EXPORT_RANK[def.export] >= EXPORT_RANK[site.export] ? def.export : site.export;
  }
  if (def.retention && site.retention) {
    out.retention = def.retention.days < site.retention.days ? def.retention : site.retention;
  }
  if (def.encrypt !== undefined && site.encrypt !== undefined) out.encrypt = def.encrypt || site.encrypt;
  if (def.search && site.search)
    out.search = def.search === 'none' || site.search === 'none' ? 'none' : 'exact';
  if (def.scan !== undefined && site.scan !== undefined) out.scan = def.scan || site.scan;
  return out;
}
