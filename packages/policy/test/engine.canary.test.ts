import type { SanitizedField, SanitizedTemplate } from '@veil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer } from '../src/engine/index.js';
import type { AuditChange, VeilRecord } from '../src/types.js';
import {
  childFieldsOf,
  directoryArb,
  entryFieldOf,
  POLICY,
  principalArb,
  recordArb,
  TEST_KEYS,
  templateArb,
} from './reference/generators.js';
import { type RefWorld, refAccess, refRelation } from './reference/referenceEngine.js';

const CANARY = /CANARY_\d+_[a-z]+/g;

/**
 * Replaces every leaf value (except the owner id) and every map key by a unique canary; returns
 * canary → schema path (a key's path is its map's entries field, `…/*`).
 */
function canarize(template: SanitizedTemplate, record: VeilRecord, start: number) {
  const owners = new Map<string, string>();
  let n = start;
  const next = (path: string) => {
    const canary = `CANARY_${n++}_zqx`;
    owners.set(canary, path);
    return canary;
  };
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const value = (field: SanitizedField, v: unknown): unknown => {
    if (field.leaf) return field.kind === 'array' ? [next(field.path), next(field.path)] : next(field.path);
    if (field.kind === 'object') return isObj(v) ? walk(field.path, v, false) : v;
    if (Array.isArray(v)) return v.map((item) => (isObj(item) ? walk(`${field.path}/*`, item, true) : item));
    return v;
  };
  const walk = (objectPath: string, src: Record<string, unknown>, isItem: boolean) => {
    const declared = childFieldsOf(template, objectPath);
    const names = new Set(declared.map((f) => f.segments[f.segments.length - 1]!));
    const entry = entryFieldOf(template, objectPath);
    const out: Record<string, unknown> = {};
    const put = (key: string, v: unknown) =>
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    for (const key of Object.keys(src)) {
      const v = src[key];
      if ((objectPath === '' && key === 'ownerId') || (isItem && key === '_id')) put(key, v);
      else if (names.has(key)) put(key, value(declared.find((f) => f.segments.at(-1) === key)!, v));
      else if (entry !== undefined) put(next(entry.path), value(entry, v));
      else put(key, v);
    }
    return out;
  };
  record.data = walk('', record.data, false);
  return owners;
}

// `none` would show the value by the author's choice; every other mask must not.
const MASKS = [
  { style: 'last4' as const },
  { style: 'email' as const },
  { style: 'name' as const },
  { style: 'redact' as const },
  { style: 'hash' as const },
  { style: 'partial' as const, keepStart: 2, keepEnd: 2 },
  { style: 'range' as const, bounds: [10, 100] },
];

const worldArb = templateArb(MASKS).chain(({ template, props, rootEntry }) =>
  fc.record({
    template: fc.constant(template),
    records: fc.tuple(recordArb(props, 'r1', rootEntry), recordArb(props, 'r2', rootEntry)),
    directory: directoryArb,
    principal: principalArb,
  }),
);

describe('canaries', () => {
  it('a projection holds a canary only where the viewer reads its field in full', () => {
    fc.assert(
      fc.property(worldArb, ({ template, records, directory, principal }) => {
        const compiled = compilePolicy(template, POLICY, { keys: TEST_KEYS });
        const viewer = createViewer(principal, directory);
        const w: RefWorld = { template, policy: POLICY, principal, directory };
        records.forEach((record, i) => {
          const owners = canarize(template, record, i * 1000);
          const projected = compiled.projectRecord(record, viewer);
          const relation = refRelation(w, record);
          for (const canary of JSON.stringify(projected).match(CANARY) ?? []) {
            const field = template.fields.find((f) => f.path === owners.get(canary))!;
            expect(relation).not.toBeNull();
            expect(refAccess(w, field, relation!)).toBe('full');
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('audit details never hold any canary, for every kind of change', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.array(fc.nat(), { maxLength: 6 }),
        ({ template, records, directory, principal }, picks) => {
          const compiled = compilePolicy(template, POLICY, { keys: TEST_KEYS });
          const viewer = createViewer(principal, directory);
          records.forEach((record, i) => {
            canarize(template, record, i * 1000);
          });
          const [record] = records;
          // Patch paths as immer writes them: keys and array indexes, plus a key the schema does not know.
          const keys = Object.keys(record.data);
          const changedPaths = [
            ...picks.map((n) => [keys[n % Math.max(keys.length, 1)] ?? 'x', n % 3]),
            ['CANARY_999_zqx'],
          ];
          const projected = compiled.projectRecord(record, viewer);
          const pointer = projected?.masked[0] ?? '/ownerId';
          const changes: AuditChange[] = [
            { kind: 'read', records: records.map((r) => ({ record: r })) },
            { kind: 'write', record, changedPaths },
            { kind: 'create', record },
            { kind: 'delete', record },
            { kind: 'reveal', record, pointer, reasonId: 'reason-1' },
          ];
          for (const change of changes) {
            const text = JSON.stringify(compiled.auditDetails(change, viewer));
            expect(text).not.toMatch(CANARY);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
