import type { AccessLevel, AccessRule, ExportRule, Level, MaskSpec, Relation } from '../privacy.js';

/** Higher is stricter. */
export const LEVEL_RANK: Record<Level, number> = { public: 0, internal: 1, confidential: 2, restricted: 3 };
/** Higher is more generous. */
export const ACCESS_RANK: Record<AccessLevel, number> = { hidden: 0, masked: 1, reveal: 2, full: 3 };
/** Higher is stricter: `approval` can release raw values, `masked` never does. */
export const EXPORT_RANK: Record<ExportRule, number> = { allow: 0, approval: 1, masked: 2, deny: 3 };

/** Relations that hold for a principal with this most specific relation, most specific first. */
const RELATION_FALLBACK: Record<Relation, readonly Relation[]> = {
  owner: ['owner', 'team', 'any'],
  team: ['team', 'any'],
  any: ['any'],
};

/** The level an access rule gives a relation, reading down the fallback chain; `hidden` when nothing matches. */
export function accessForRelation(rule: AccessRule | undefined, relation: Relation): AccessLevel {
  if (rule === undefined) return 'hidden';
  if (typeof rule === 'string') return rule;
  for (const r of RELATION_FALLBACK[relation]) {
    const level = rule[r];
    if (level !== undefined) return level;
  }
  return 'hidden';
}

/** Higher is stricter: `none` shows everything, `redact` nothing; the other styles rank alike. */
export function maskRank(mask: MaskSpec): number {
  const style = typeof mask === 'string' ? mask : mask.style;
  if (style === 'none') return 0;
  if (style === 'hash') return 2;
  if (style === 'redact') return 3;
  return 1;
}
