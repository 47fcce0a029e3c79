import type {
  AccessLevel,
  AccessRule,
  Category,
  Level,
  Relation,
  ResolvedMask,
  RetentionRule,
  XPrivacy,
} from '../privacy.js';
import type { FieldKind, ResolvedPrivacy } from '../sanitized.js';
import type { RoleDefinition, WorkspacePolicy } from '../workspacePolicy.js';
import { accessForRelation } from './privacyOrder.js';

const RELATIONS: readonly Relation[] = ['owner', 'team', 'any'];

/** The entry of an access, edit or capability map that applies to a role: role id, then kind, then `*`. */
export function pick<T>(map: Record<string, T>, role: RoleDefinition): T | undefined {
  if (Object.hasOwn(map, role.id)) return map[role.id];
  if (Object.hasOwn(map, role.kind)) return map[role.kind];
  if (Object.hasOwn(map, '*')) return map['*'];
  return undefined;
}

/**
 * Whether a list of relations in an edit rule (or a record capability grant) covers a principal
 * whose most specific relation is `relation`.
 */
export function editCovers(listed: readonly Relation[], relation: Relation): boolean {
  switch (relation) {
    case 'owner':
      return listed.length > 0;
    case 'team':
      return listed.includes('team') || listed.includes('any');
    case 'any':
      return listed.includes('any');
  }
}

/**
 * The access a role gets from an access map under a relation, as DESIGN.md resolves it: the most
 * specific key (role id, kind, `*`), then the most specific relation that holds; `hidden` when
 * nothing matches. The resolution `parseTemplate` uses, for screens that show it (the builder).
 */
export function resolveAccess(
  map: Record<string, AccessRule>,
  role: RoleDefinition,
  relation: Relation,
): AccessLevel {
  return accessForRelation(pick(map, role), relation);
}

/** The relations an edit (or record capability) map lists for a role: its id, then kind, then `*`; none otherwise. */
export function editRelationsOf(map: Record<string, Relation[]>, role: RoleDefinition): Relation[] {
  return [...(pick(map, role) ?? [])];
}

/** The default mask for a field without one: by format, then redact. */
function defaultMask(format: string | undefined): ResolvedMask {
  switch (format) {
    case 'cn-mobile':
      return { style: 'partial', keepStart: 3, keepEnd: 4 };
    case 'cn-resident-id':
      return { style: 'partial', keepStart: 1, keepEnd: 1 };
    case 'email':
      return { style: 'email' };
    default:
      return { style: 'redact' };
  }
}

/** Options for {@link resolvePrivacy}. */
export interface ResolvePrivacyOptions {
  /** The effective annotation (own keys over inherited ones). */
  annotation: XPrivacy;
  /** Level when the annotation has none: `internal`, or `confidential` for looks-personal fields. */
  fallbackLevel: Level;
  /** Whether the field looked personal (gets the template's default retention like a categorised field). */
  personal: boolean;
  format: string | undefined;
  kind: FieldKind;
  /** The template root `retention`, for personal fields without their own. */
  templateRetention: RetentionRule | undefined;
  policy: WorkspacePolicy;
}

/** Every `x-privacy` key with its default resolved, per role of the workspace. */
export function resolvePrivacy(o: ResolvePrivacyOptions): ResolvedPrivacy {
  const a = o.annotation;
  const level = a.level ?? o.fallbackLevel;
  const categories: Category[] = [...(a.categories ?? [])];
  const levelDefault = o.policy.levelDefaults[level];
  const accessMap: Record<string, AccessRule> = { ...levelDefault.access, ...(a.access ?? {}) };
  const editMap = a.edit ?? o.policy.editDefault;

  const access: Record<string, Record<Relation, AccessLevel>> = {};
  const edit: Record<string, Record<Relation, boolean>> = {};
  for (const role of o.policy.roles) {
    const rule = pick(accessMap, role);
    const byRelation = {} as Record<Relation, AccessLevel>;
    for (const rel of RELATIONS) byRelation[rel] = accessForRelation(rule, rel);
    access[role.id] = byRelation;
    const listed = pick(editMap, role) ?? [];
    const canEdit = {} as Record<Relation, boolean>;
    for (const rel of RELATIONS) canEdit[rel] = editCovers(listed, rel) && byRelation[rel] === 'full';
    edit[role.id] = canEdit;
  }

  const mask: ResolvedMask =
    a.mask === undefined
      ? defaultMask(o.format)
      : typeof a.mask === 'string'
        ? { style: a.mask }
        : { ...a.mask };
  const resolved: ResolvedPrivacy = {
    level,
    categories,
    mask,
    access,
    edit,
    export: a.export ?? levelDefault.export,
    encrypt: a.encrypt ?? level === 'restricted',
    search: a.search ?? 'none',
    scan: a.scan ?? categories.includes('free-text'),
  };
  if (a.purpose !== undefined) resolved.purpose = a.purpose;
  if (a.basis !== undefined) resolved.basis = a.basis;
  const retention = a.retention ?? (categories.length > 0 || o.personal ? o.templateRetention : undefined);
  if (retention !== undefined) resolved.retention = { ...retention };
  return resolved;
}
