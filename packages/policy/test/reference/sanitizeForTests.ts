/**
 * Test-only stand-in for `parseTemplate`: resolves a fixture's `x-privacy` against a workspace
 * policy exactly as DESIGN.md states (key specificity role id → kind → `*`, relation fallback
 * owner → team → any, edit needs full access). Unannotated children inherit their parent's annotation.
 */
import type {
  AccessLevel,
  AccessRule,
  EditMap,
  JsonSchema,
  Relation,
  ResolvedMask,
  ResolvedPrivacy,
  SanitizedField,
  SanitizedTemplate,
  WorkspacePolicy,
  XPrivacy,
} from '@veil/schema';

const RELS: Relation[] = ['owner', 'team', 'any'];
const CHAIN: Record<Relation, Relation[]> = {
  owner: ['owner', 'team', 'any'],
  team: ['team', 'any'],
  any: ['any'],
};

function pick<T>(map: Record<string, T>, role: string, kind: string): T | undefined {
  for (const key of [role, kind, '*']) if (Object.hasOwn(map, key)) return map[key];
  return undefined;
}

function levelFor(rule: AccessRule | undefined, relation: Relation): AccessLevel {
  if (rule === undefined) return 'hidden';
  if (typeof rule === 'string') return rule;
  for (const r of CHAIN[relation]) if (rule[r] !== undefined) return rule[r]!;
  return 'hidden';
}

function resolve(xp: XPrivacy, policy: WorkspacePolicy): ResolvedPrivacy {
  const level = xp.level ?? 'internal';
  const defaults = policy.levelDefaults[level];
  const merged = { ...defaults.access, ...(xp.access ?? {}) };
  const editMap: EditMap = xp.edit ?? policy.editDefault;
  const access: ResolvedPrivacy['access'] = {};
  const edit: ResolvedPrivacy['edit'] = {};
  for (const role of policy.roles) {
    const rule = pick(merged, role.id, role.kind);
    const listed = pick(editMap, role.id, role.kind) ?? [];
    access[role.id] = { owner: 'hidden', team: 'hidden', any: 'hidden' };
    edit[role.id] = { owner: false, team: false, any: false };
    for (const rel of RELS) {
      const lvl = levelFor(rule, rel);
      access[role.id]![rel] = lvl;
      // Listing `team` covers the owner too; listing `any` covers everyone.
      const holds = listed.some((l) => CHAIN[rel].includes(l));
      edit[role.id]![rel] = holds && lvl === 'full';
    }
  }
  const mask: ResolvedMask =
    xp.mask === undefined ? { style: 'redact' } : typeof xp.mask === 'string' ? { style: xp.mask } : xp.mask;
  const out: ResolvedPrivacy = {
    level,
    categories: xp.categories ?? [],
    mask,
    access,
    edit,
    export: xp.export ?? defaults.export,
    encrypt: xp.encrypt ?? level === 'restricted',
    search: xp.search ?? 'none',
    scan: xp.scan ?? false,
  };
  if (xp.retention) out.retention = xp.retention;
  return out;
}

export function sanitizeForTests(
  input: {
    id: string;
    owner: string;
    schema: JsonSchema;
    uiSchema?: Record<string, unknown>;
    retention?: SanitizedTemplate['retention'];
  },
  policy: WorkspacePolicy,
): SanitizedTemplate {
  const fields: SanitizedField[] = [];
  const walk = (
    schema: JsonSchema,
    segments: string[],
    parentPath: string,
    inherited: XPrivacy | undefined,
  ) => {
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const segs = [...segments, key];
      const path = `/${segs.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
      const xp = child['x-privacy'] ?? inherited ?? {};
      const isArrayOfObjects = child.type === 'array' && child.items?.type === 'object';
      const kind = (Array.isArray(child.type) ? child.type[0] : child.type) as SanitizedField['kind'];
      fields.push({
        path,
        segments: segs,
        parent: parentPath,
        kind,
        leaf: !(kind === 'object' || isArrayOfObjects),
        title: child.title ?? key,
        i18n: child['x-i18n'] ?? {},
        required: (schema.required ?? []).includes(key),
        source: child['x-privacy'] ? 'explicit' : inherited ? 'inherited' : 'default',
        privacy: resolve(xp, policy),
      });
      if (kind === 'object') walk(child, segs, path, child['x-privacy'] ?? inherited);
      if (isArrayOfObjects) walk(child.items!, [...segs, '*'], path, child['x-privacy'] ?? inherited);
    }
  };
  walk(input.schema, [], '', undefined);
  const out: SanitizedTemplate = {
    id: input.id,
    version: 1,
    title: input.id,
    i18n: {},
    schema: input.schema,
    uiSchema: input.uiSchema ?? {},
    views: [],
    owner: input.owner,
    subject: [],
    acknowledgements: [],
    fields,
    policyVersion: policy.version,
  };
  if (input.retention) out.retention = input.retention;
  return out;
}
