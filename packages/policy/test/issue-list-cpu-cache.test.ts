import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer } from '../src/engine/index.js';
import type { VeilRecord } from '../src/types.js';
import {
  directoryArb,
  POLICY,
  principalArb,
  recordArb,
  TEST_KEYS,
  templateArb,
} from './reference/generators.js';

const MASKS = [
  { style: 'last4' as const },
  { style: 'email' as const },
  { style: 'redact' as const },
  { style: 'hash' as const },
  { style: 'range' as const, bounds: [10, 100] },
];

const worldArb = templateArb(MASKS).chain(({ template, props, rootEntry }) =>
  fc.record({
    template: fc.constant(template),
    records: fc.tuple(recordArb(props, 'r1', rootEntry), recordArb(props, 'r1', rootEntry)),
    directory: directoryArb,
    principals: fc.tuple(principalArb, principalArb),
  }),
);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('issue 10: projections of frozen records are shared (list CPU)', () => {
  it('a frozen record projects as an unfrozen copy does, for every viewer, before and after a write', () => {
    fc.assert(
      fc.property(worldArb, ({ template, records, directory, principals }) => {
        const compiled = compilePolicy(template, POLICY, { keys: TEST_KEYS });
        const [before, after] = records;
        const frozenBefore = deepFreeze(structuredClone(before));
        // The store replaces the object on a write: the new version must not get the old projection.
        const frozenAfter = deepFreeze(
          structuredClone({ ...after, version: before.version + 1 }) as VeilRecord,
        );
        for (const principal of [...principals, ...principals]) {
          const viewer = createViewer(principal, directory);
          expect(compiled.projectRecord(frozenBefore, viewer)).toEqual(
            compiled.projectRecord(before, viewer),
          );
          const fresh = compiled.projectRecord(structuredClone(frozenAfter) as VeilRecord, viewer);
          expect(compiled.projectRecord(frozenAfter, viewer)).toEqual(fresh);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a shared projection is frozen, and one with revealed values is never shared', () => {
    fc.assert(
      fc.property(worldArb, ({ template, records, directory, principals }) => {
        const compiled = compilePolicy(template, POLICY, { keys: TEST_KEYS });
        const record = deepFreeze(structuredClone(records[0]));
        const viewer = createViewer(principals[0], directory);
        const first = compiled.projectRecord(record, viewer);
        if (first === null) return;
        expect(Object.isFrozen(first) && Object.isFrozen(first.data)).toBe(true);
        expect(compiled.projectRecord(record, viewer)).toBe(first);
        const revealed = compiled.projectRecord(record, viewer, { revealed: new Set(first.revealable) });
        expect(revealed).not.toBe(first);
        expect(compiled.projectRecord(record, viewer)).toBe(first);
      }),
      { numRuns: 100 },
    );
  });

  it('the read set of a list names the same fields for a frozen record as for a copy', () => {
    fc.assert(
      fc.property(worldArb, ({ template, records, directory, principals }) => {
        const compiled = compilePolicy(template, POLICY, { keys: TEST_KEYS });
        const viewer = createViewer(principals[0], directory);
        const frozen = deepFreeze(structuredClone(records[0]));
        const read = (record: VeilRecord) =>
          compiled.auditDetails({ kind: 'read', records: [{ record }] }, viewer);
        expect(read(frozen)).toEqual(read(records[0]));
      }),
      { numRuns: 100 },
    );
  });
});
