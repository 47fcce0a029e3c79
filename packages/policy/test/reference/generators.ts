/** fast-check generators for the engine's differential and canary properties. */
import {
  type AccessLevel,
  DEFAULT_WORKSPACE_POLICY,
  type ExportRule,
  type JsonSchema,
  type Level,
  type Relation,
  type ResolvedMask,
  type ResolvedPrivacy,
  type SanitizedField,
  type SanitizedTemplate,
} from '@veil/schema';
import fc from 'fast-check';
import type { Directory, Principal, VeilRecord } from '../../src/types.js';

export const POLICY = DEFAULT_WORKSPACE_POLICY;
const ROLE_IDS = POLICY.roles.map((r) => r.id);
const LEVELS: AccessLevel[] = ['full', 'reveal', 'masked', 'hidden'];
const DEPARTMENTS = ['d0', 'd1', 'd2', 'd3', 'd4'];
export const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const KEYS = ['name', 'phone', 'a/b', 't~x', 'constructor', 'stage', 'amount', 'notes', 'city'];
const ITEM_IDS = ['i1', 'i2', 'i/3', 'new:9'];
/** Keys of map entries: data like any value (a phone number, a name), some awkward for pointers. */
const MAP_KEYS = ['+8613800001111', '张三', 'k/1', 't~2', 'constructor', 'stage'];

export type Spec =
  | { kind: 'leaf'; type: 'string' | 'number' | 'tags'; privacy: ResolvedPrivacy }
  | {
      kind: 'object' | 'array';
      props: [string, Spec][];
      privacy: ResolvedPrivacy;
      /** The entries of a map (`additionalProperties`) of the object or of each item. */
      entry?: Spec;
      /** Declares the properties after the first in `allOf` / `anyOf` branches instead of `properties`. */
      branch?: 'allOf' | 'anyOf';
    };

const MASKS: ResolvedMask[] = [
  { style: 'last4' },
  { style: 'email' },
  { style: 'name' },
  { style: 'redact' },
  { style: 'hash' },
  { style: 'partial', keepStart: 1, keepEnd: 1 },
  { style: 'range', bounds: [10, 100] },
];

const privacyArb = (masks: ResolvedMask[] = MASKS): fc.Arbitrary<ResolvedPrivacy> =>
  fc
    .record({
      level: fc.constantFrom<Level>('public', 'internal', 'confidential', 'restricted'),
      mask: fc.constantFrom(...masks),
      export: fc.constantFrom<ExportRule>('allow', 'masked', 'approval', 'deny'),
      search: fc.constantFrom<'none' | 'exact'>('none', 'exact'),
      scan: fc.boolean(),
      access: fc.tuple(
        ...ROLE_IDS.map(() =>
          fc.tuple(fc.constantFrom(...LEVELS), fc.constantFrom(...LEVELS), fc.constantFrom(...LEVELS)),
        ),
      ),
      edit: fc.tuple(...ROLE_IDS.map(() => fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()))),
    })
    .map(({ level, mask, export: exportRule, search, scan, access, edit }) => {
      const accessTable: Record<string, Record<Relation, AccessLevel>> = {};
      const editTable: Record<string, Record<Relation, boolean>> = {};
      ROLE_IDS.forEach((role, i) => {
        const [o, t, a] = access[i]!;
        accessTable[role] = { owner: o, team: t, any: a };
        const [eo, et, ea] = edit[i]!;
        editTable[role] = { owner: eo && o === 'full', team: et && t === 'full', any: ea && a === 'full' };
      });
      return {
        level,
        categories: [],
        mask,
        access: accessTable,
        edit: editTable,
        export: exportRule,
        encrypt: false,
        search,
        scan,
      } satisfies ResolvedPrivacy;
    });

const propsArb = (depth: number, masks?: ResolvedMask[]): fc.Arbitrary<[string, Spec][]> =>
  fc
    .uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: depth === 0 ? 4 : 3 })
    .chain((keys) =>
      fc.tuple(...keys.map((key) => specArb(depth + 1, masks).map((spec): [string, Spec] => [key, spec]))),
    );

const specArb = (depth: number, masks?: ResolvedMask[]): fc.Arbitrary<Spec> => {
  const leaf = fc.record({
    kind: fc.constant('leaf' as const),
    type: fc.constantFrom('string' as const, 'number' as const, 'tags' as const),
    privacy: privacyArb(masks),
  });
  if (depth >= 3) return leaf;
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc
        .record({
          kind: fc.constantFrom('object' as const, 'array' as const),
          props: propsArb(depth, masks),
          privacy: privacyArb(masks),
          entry: fc.option(specArb(depth + 1, masks), { nil: undefined, freq: 3 }),
          branch: fc.option(fc.constantFrom('allOf' as const, 'anyOf' as const), { nil: undefined, freq: 2 }),
        })
        .map(
          ({ entry, branch, ...rest }): Spec => ({
            ...rest,
            ...(entry === undefined ? {} : { entry }),
            ...(branch === undefined ? {} : { branch }),
          }),
        ),
    },
  );
};

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Builds the sanitized template (schema + fields) of a root spec; `/ownerId` is added as the owner field. */
/** An object schema; with `branch`, every property after the first is declared in a branch. */
function objectSchema(
  properties: Record<string, JsonSchema>,
  required: string[],
  branch: 'allOf' | 'anyOf' | undefined,
): JsonSchema {
  if (branch === undefined) return { type: 'object', properties, required };
  const [first, ...rest] = Object.entries(properties);
  return {
    type: 'object',
    properties: Object.fromEntries(first === undefined ? [] : [first]),
    required,
    [branch]: rest.map(([key, schema]) => ({ properties: { [key]: schema } })),
  };
}

function templateOf(
  props: [string, Spec][],
  ownerPrivacy: ResolvedPrivacy,
  rootEntry?: Spec,
): SanitizedTemplate {
  const fields: SanitizedField[] = [];
  const build = (spec: Spec, segments: string[], parent: string, required: boolean): JsonSchema => {
    const path = `/${segments.map(esc).join('/')}`;
    const base = {
      path,
      segments,
      parent,
      title: segments[segments.length - 1]!,
      i18n: {},
      required,
      source: 'explicit' as const,
      privacy: spec.privacy,
    };
    if (spec.kind === 'leaf') {
      const kind = spec.type === 'tags' ? ('array' as const) : spec.type;
      fields.push({ ...base, kind, leaf: true });
      return spec.type === 'tags'
        ? { type: 'array', items: { type: 'string' }, 'x-privacy': {} }
        : { type: spec.type, 'x-privacy': {} };
    }
    fields.push({ ...base, kind: spec.kind, leaf: false });
    const childSegs = spec.kind === 'array' ? [...segments, '*'] : segments;
    const properties: Record<string, JsonSchema> = {};
    for (const [key, child] of spec.props) properties[key] = build(child, [...childSegs, key], path, false);
    const object: JsonSchema = objectSchema(properties, spec.props.map(([k]) => k).slice(0, 1), spec.branch);
    if (spec.entry !== undefined)
      object.additionalProperties = build(spec.entry, [...childSegs, '*'], path, false);
    return spec.kind === 'array' ? { type: 'array', items: object } : object;
  };
  const properties: Record<string, JsonSchema> = {};
  properties.ownerId = build({ kind: 'leaf', type: 'string', privacy: ownerPrivacy }, ['ownerId'], '', true);
  for (const [key, spec] of props) properties[key] = build(spec, [key], '', false);
  const root = objectSchema(properties, ['ownerId'], undefined);
  if (rootEntry !== undefined) root.additionalProperties = build(rootEntry, ['*'], '', false);
  return {
    id: 'generated',
    version: 1,
    title: 'Generated',
    i18n: {},
    schema: root,
    uiSchema: {},
    views: [],
    owner: '/ownerId',
    subject: [],
    acknowledgements: [],
    fields,
    policyVersion: POLICY.version,
  };
}

export const templateArb = (
  masks?: ResolvedMask[],
): fc.Arbitrary<{ template: SanitizedTemplate; props: [string, Spec][]; rootEntry?: Spec }> =>
  fc
    .tuple(propsArb(0, masks), privacyArb(masks), fc.option(specArb(2, masks), { nil: undefined, freq: 5 }))
    .map(([props, ownerPrivacy, rootEntry]) => ({
      template: templateOf(props, ownerPrivacy, rootEntry),
      props,
      ...(rootEntry === undefined ? {} : { rootEntry }),
    }));

const leafValueArb = (type: 'string' | 'number' | 'tags'): fc.Arbitrary<unknown> => {
  switch (type) {
    case 'string':
      return fc.oneof(
        fc.constantFrom(
          '张三',
          'John Doe',
          'a@b.cn',
          '13812345678',
          '',
          '回电 138 1234 5678 或 li@example.com',
        ),
        fc.string({ maxLength: 6 }),
      );
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 500 }), fc.constant(12.5));
    case 'tags':
      return fc.array(fc.constantFrom('vip', '重点', 'x'), { maxLength: 3 });
  }
};

/** A value for a spec: usually well-formed, sometimes null or of the wrong shape. */
const valueArb = (spec: Spec): fc.Arbitrary<unknown> => {
  const odd = fc.constantFrom<unknown>(null, 'oops', 7);
  if (spec.kind === 'leaf')
    return fc.oneof({ weight: 9, arbitrary: leafValueArb(spec.type) }, { weight: 1, arbitrary: odd });
  const objectArb = dataArb(spec.props, spec.entry);
  if (spec.kind === 'object')
    return fc.oneof({ weight: 9, arbitrary: objectArb }, { weight: 1, arbitrary: odd });
  const items = fc
    .uniqueArray(fc.constantFrom(...ITEM_IDS), { maxLength: 3 })
    .chain((ids) => fc.tuple(...ids.map((id) => objectArb.map((o) => ({ _id: id, ...o })))))
    .chain((list) =>
      fc.oneof(
        { weight: 9, arbitrary: fc.constant<unknown[]>(list) },
        { weight: 1, arbitrary: fc.constant<unknown[]>([...list, 'junk', { noId: 1 }]) },
      ),
    );
  return fc.oneof({ weight: 9, arbitrary: items }, { weight: 1, arbitrary: odd });
};

const dataArb = (props: [string, Spec][], entry?: Spec): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      ...props.map(([key, spec]) =>
        fc.option(valueArb(spec), { nil: undefined }).map((v) => [key, v] as const),
      ),
      fc.boolean(),
      entry === undefined
        ? fc.constant([] as (readonly [string, unknown])[])
        : fc
            .uniqueArray(fc.constantFrom(...MAP_KEYS), { maxLength: 3 })
            .chain((keys) => fc.tuple(...keys.map((key) => valueArb(entry).map((v) => [key, v] as const)))),
    )
    .map(([...entries]) => {
      const mapEntries = entries.pop() as unknown as (readonly [string, unknown])[];
      const extra = entries.pop() as unknown as boolean;
      const out: Record<string, unknown> = {};
      for (const [key, value] of [...(entries as unknown as (readonly [string, unknown])[]), ...mapEntries]) {
        if (value !== undefined)
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      if (extra) out.unknownKey = 'not in schema';
      return out;
    });

export const recordArb = (props: [string, Spec][], id: string, rootEntry?: Spec): fc.Arbitrary<VeilRecord> =>
  fc
    .tuple(dataArb(props, rootEntry), fc.option(fc.constantFrom(...USERS, 'ghost-user'), { nil: undefined }))
    .map(([data, owner]) => ({
      id,
      templateId: 'generated',
      templateVersion: 1,
      version: 1,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-06-01T00:00:00.000Z',
      data: owner === undefined ? data : { ownerId: owner, ...data },
    }));

export const directoryArb: fc.Arbitrary<Directory> = fc
  .record({
    parents: fc.tuple(...DEPARTMENTS.map(() => fc.option(fc.constantFrom(...DEPARTMENTS), { nil: null }))),
    members: fc.tuple(...USERS.map(() => fc.option(fc.constantFrom(...DEPARTMENTS), { nil: undefined }))),
  })
  .map(({ parents, members }) => {
    const parentOf: Record<string, string | null> = {};
    DEPARTMENTS.forEach((d, i) => {
      parentOf[d] = parents[i] ?? null;
    });
    const departmentOf: Record<string, string> = {};
    USERS.forEach((u, i) => {
      const d = members[i];
      if (d !== undefined) departmentOf[u] = d;
    });
    return { parentOf, departmentOf };
  });

export const principalArb: fc.Arbitrary<Principal> = fc.record({
  id: fc.constantFrom(...USERS),
  roles: fc.uniqueArray(fc.constantFrom(...ROLE_IDS, 'ghost-role'), { minLength: 1, maxLength: 2 }),
  departmentId: fc.option(fc.constantFrom(...DEPARTMENTS), { nil: null }),
  managedDepartmentIds: fc.uniqueArray(fc.constantFrom(...DEPARTMENTS), { maxLength: 2 }),
});

/** The fields declared directly at an object level (`objectPath`: an object, or `…/*` for items). */
export function childFieldsOf(template: SanitizedTemplate, objectPath: string): SanitizedField[] {
  return template.fields.filter((f) => {
    const last = f.segments[f.segments.length - 1];
    return last !== '*' && f.path === `${objectPath}/${esc(last ?? '')}`;
  });
}

/** The entries field of a map at an object level, if the object is a map. */
export function entryFieldOf(template: SanitizedTemplate, objectPath: string): SanitizedField | undefined {
  return template.fields.find((f) => f.path === `${objectPath}/*`);
}

/** Every value pointer, item pointer and container pointer of a record, plus a few that map onto nothing. */
export function pointersOf(template: SanitizedTemplate, data: Record<string, unknown>): string[] {
  const out = ['', 'no-slash', '/nope', '/ownerId', '/contacts/new:1/phone'];
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const visitValue = (field: SanitizedField, value: unknown, p: string) => {
    out.push(p, `${p}/0`);
    if (field.leaf) return;
    if (field.kind === 'object') {
      visit(field.path, value, p, false);
      return;
    }
    out.push(`${p}/new:x`, `${p}/gone`);
    visit(`${field.path}/*`, undefined, `${p}/new:x`, true);
    visit(`${field.path}/*`, undefined, `${p}/gone`, true);
    if (Array.isArray(value))
      for (const item of value)
        if (isObj(item) && typeof item._id === 'string') {
          out.push(`${p}/${esc(item._id)}`, `${p}/${esc(item._id)}/_id`);
          visit(`${field.path}/*`, item, `${p}/${esc(item._id)}`, true);
        }
  };
  const visit = (objectPath: string, src: unknown, ptr: string, isItem: boolean) => {
    const declared = childFieldsOf(template, objectPath);
    for (const field of declared) {
      const key = field.segments[field.segments.length - 1]!;
      visitValue(field, isObj(src) && Object.hasOwn(src, key) ? src[key] : undefined, `${ptr}/${esc(key)}`);
    }
    const entry = entryFieldOf(template, objectPath);
    if (entry === undefined) return;
    out.push(`${ptr}/new-key`, `${ptr}/__proto__`);
    visitValue(entry, undefined, `${ptr}/${esc(MAP_KEYS[0]!)}`);
    if (!isObj(src)) return;
    const names = new Set(declared.map((f) => f.segments[f.segments.length - 1]));
    for (const key of Object.keys(src)) {
      if (names.has(key) || (isItem && key === '_id')) continue;
      visitValue(entry, src[key], `${ptr}/${esc(key)}`);
    }
  };
  visit('', data, '', false);
  return out;
}

export const TEST_KEYS = {
  hashToken: (value: string) =>
    `tok_${[...value].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36)}`,
  blindIndex: (field: string, value: string) => `bi_${field.length}_${value.length}`,
  auditRef: (id: string) => `ref_${id}`,
};
