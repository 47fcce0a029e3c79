import {
  createTemplateAjv,
  DEFAULT_WORKSPACE_POLICY,
  type Level,
  parseTemplate,
  type SanitizedTemplate,
  type WorkspacePolicy,
} from '@veil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer } from '../src/engine/index.js';
import type { VeilRecord } from '../src/types.js';
import { TEST_KEYS } from './reference/generators.js';

// An admin reads every level in full on a record it owns (restricted included), so its
// projection must be the identity; a compliance officer (row scope all, no relation to the record) reads confidential
// fields masked and restricted ones not at all.
const POLICY: WorkspacePolicy = {
  ...DEFAULT_WORKSPACE_POLICY,
  levelDefaults: {
    ...DEFAULT_WORKSPACE_POLICY.levelDefaults,
    restricted: { access: { admin: 'full', '*': 'hidden' }, export: 'deny' },
  },
};
const directory = { parentOf: { east: null, west: null }, departmentOf: { ada: 'east', bob: 'west' } };
const admin = createViewer(
  { id: 'ada', roles: ['admin'], departmentId: 'east', managedDepartmentIds: [] },
  directory,
);
const outsider = createViewer(
  { id: 'bob', roles: ['compliance'], departmentId: 'west', managedDepartmentIds: [] },
  directory,
);

type Placement = 'properties' | 'allOf' | 'anyOf' | 'then';
type Spec =
  | { t: 'leaf'; kind: 'string' | 'number' | 'tags'; level: Level | null }
  | { t: 'object'; props: [string, Spec, Placement][]; map: Spec | null }
  | { t: 'array'; item: { t: 'object'; props: [string, Spec, Placement][]; map: Spec | null } };

const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'note', 'code'];
const levelArb = fc.constantFrom<Level | null>(null, 'public', 'internal', 'confidential', 'restricted');
const leafArb: fc.Arbitrary<Spec> = fc.record({
  t: fc.constant('leaf' as const),
  kind: fc.constantFrom('string' as const, 'number' as const, 'tags' as const),
  level: levelArb,
});
const specArb = (depth: number): fc.Arbitrary<Spec> => {
  if (depth >= 3) return leafArb;
  const objectArb = fc.record({
    t: fc.constant('object' as const),
    props: fc
      .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 })
      .chain((names) =>
        fc.tuple(
          ...names.map((name) =>
            fc.tuple(
              fc.constant(name),
              specArb(depth + 1),
              fc.constantFrom<Placement>('properties', 'allOf', 'anyOf', 'then'),
            ),
          ),
        ),
      ),
    map: fc.option(specArb(depth + 1), { nil: null, freq: 2 }),
  });
  return fc.oneof(
    { weight: 3, arbitrary: leafArb },
    { weight: 1, arbitrary: objectArb },
    { weight: 1, arbitrary: objectArb.map((item) => ({ t: 'array' as const, item })) },
  );
};

function annotation(level: Level | null) {
  if (level === null) return {};
  return {
    'x-privacy': {
      level,
      ...(level === 'confidential' || level === 'restricted' ? { purpose: 'contact', basis: 'consent' } : {}),
    },
  };
}

/** The raw schema of a spec: properties spread over branches, maps as additional/unevaluated properties, closed items. */
function schemaOf(spec: Spec): Record<string, unknown> {
  if (spec.t === 'leaf') {
    if (spec.kind === 'tags') return { type: 'array', items: { type: 'string' }, ...annotation(spec.level) };
    return { type: spec.kind, ...annotation(spec.level) };
  }
  if (spec.t === 'array') return { type: 'array', items: schemaOf(spec.item) };
  const out: Record<string, unknown> = { type: 'object', properties: {} };
  const branches: Record<Placement, Record<string, unknown>> = {
    properties: {},
    allOf: {},
    anyOf: {},
    // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
    then: {},
  };
  for (const [name, child, placement] of spec.props) branches[placement][name] = schemaOf(child);
  out.properties = branches.properties;
  if (Object.keys(branches.allOf).length > 0) out.allOf = [{ properties: branches.allOf }];
  if (Object.keys(branches.anyOf).length > 0) out.anyOf = [{ properties: branches.anyOf }, { required: [] }];
  if (Object.keys(branches.then).length > 0) {
    out.if = { required: [] };
    // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
    out.then = { properties: branches.then };
  }
  const inBranches = spec.props.some(([, , p]) => p !== 'properties');
  const closer = inBranches ? 'unevaluatedProperties' : 'additionalProperties';
  out[closer] = spec.map === null ? false : schemaOf(spec.map);
  return out;
}

let canaries = 0;
const canary = () => `CANARY${++canaries}X`;

/** A valid value of a spec; every string and every map key is a fresh canary. */
const valueArb = (spec: Spec): fc.Arbitrary<unknown> => {
  if (spec.t === 'leaf') {
    if (spec.kind === 'number') return fc.integer({ min: 0, max: 1000 });
    if (spec.kind === 'tags')
      return fc.integer({ min: 0, max: 2 }).map((n) => Array.from({ length: n }, canary));
    return fc.constant(null).map(canary);
  }
  if (spec.t === 'array') {
    return fc
      .array(valueArb(spec.item), { maxLength: 2 })
      .map((items) => items.map((item, i) => ({ _id: `i${i}`, ...(item as object) })));
  }
  return fc
    .tuple(
      fc.tuple(...spec.props.map(([, child]) => fc.option(valueArb(child), { nil: undefined }))),
      spec.map === null ? fc.constant([] as unknown[]) : fc.array(valueArb(spec.map), { maxLength: 2 }),
    )
    .map(([values, entries]) => {
      const out: Record<string, unknown> = {};
      spec.props.forEach(([name], i) => {
        if (values[i] !== undefined) out[name] = values[i];
      });
      for (const entry of entries) out[`KEY${canary()}`] = entry;
      return out;
    });
};

const rootArb = specArb(0)
  .filter((s): s is Extract<Spec, { t: 'object' }> => s.t === 'object')
  .chain((root) => fc.tuple(fc.constant(root), valueArb(root)));

function sanitize(root: Spec): SanitizedTemplate | null {
  const schema = schemaOf(root);
  (schema.properties as Record<string, unknown>).ownerId = {
    type: 'string',
    'x-privacy': { level: 'public' },
  };
  const parsed = parseTemplate({ id: 'g', version: 1, title: 'G', owner: '/ownerId', schema }, POLICY);
  return parsed.status === 'ok' ? parsed.template : null;
}

/** Canaries of the fields (and map keys) the outsider may not read in full, by the sanitized template. */
function protectedCanaries(template: SanitizedTemplate, data: unknown): string[] {
  const byPath = new Map(template.fields.map((f) => [f.path, f]));
  const out: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const collect = (v: unknown) => {
    const text = JSON.stringify(v) ?? '';
    for (const m of text.match(/CANARY\d+X/g) ?? []) out.push(m);
  };
  const visit = (objectPath: string, value: Record<string, unknown>, open: boolean, isItem: boolean) => {
    for (const [key, v] of Object.entries(value)) {
      if (isItem && key === '_id') continue;
      const declared = byPath.get(`${objectPath}/${key}`);
      const field = declared ?? byPath.get(`${objectPath}/*`);
      if (field === undefined) continue;
      const full = open && field.privacy.access.compliance?.any === 'full';
      if (!full) {
        collect(v);
        if (declared === undefined) collect(key);
        continue;
      }
      if (field.leaf) continue;
      if (field.kind === 'object' && isObj(v)) visit(field.path, v, full, false);
      else if (Array.isArray(v))
        for (const item of v) if (isObj(item)) visit(`${field.path}/*`, item, full, true);
    }
  };
  if (isObj(data)) visit('', data, true, false);
  return out;
}

describe('branches, open maps and arrays of closed objects (generated schemas)', () => {
  it('project as the identity for a full-access reader, and hide every canary from a reader without access', () => {
    const ajv = createTemplateAjv();
    let checked = 0;
    fc.assert(
      fc.property(rootArb, ([root, value]) => {
        const template = sanitize(root);
        fc.pre(template !== null);
        const data = { ...(value as Record<string, unknown>), ownerId: 'ada' };
        // The generated record is valid under the author's schema (items compared without ids).
        const strip = (v: unknown): unknown =>
          Array.isArray(v)
            ? v.map((x) => strip(x))
            : v !== null && typeof v === 'object'
              ? Object.fromEntries(
                  Object.entries(v)
                    .filter(([k]) => k !== '_id')
                    .map(([k, x]) => [k, strip(x)]),
                )
              : v;
        expect(ajv.validate(template!.schema, strip(data)), JSON.stringify(ajv.errors)).toBe(true);
        const compiled = compilePolicy(template!, POLICY, { keys: TEST_KEYS });
        const record: VeilRecord = {
          id: 'r',
          templateId: 'g',
          templateVersion: 1,
          version: 1,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          data,
        };
        expect(compiled.projectRecord(record, admin)?.data).toEqual(data);
        const outsiderView = compiled.projectRecord(record, outsider);
        expect(outsiderView).not.toBeNull();
        const seen = JSON.stringify(outsiderView);
        for (const c of protectedCanaries(template!, data)) expect(seen).not.toContain(c);
        checked++;
      }),
      { numRuns: 150 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
