import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer } from '../src/engine/index.js';
import { compileExportRow } from '../src/export/index.js';
import type { ExportRequest } from '../src/types.js';
import {
  directoryArb,
  POLICY,
  principalArb,
  recordArb,
  TEST_KEYS,
  templateArb,
} from './reference/generators.js';
import type { RefWorld } from './reference/referenceEngine.js';
import { refExportRow } from './reference/referenceExport.js';

const worldArb = templateArb().chain(({ template, props }) =>
  fc.record({
    template: fc.constant(template),
    records: fc.tuple(recordArb(props, 'r1'), recordArb(props, 'r2'), recordArb(props, 'r3')),
    directory: directoryArb,
    principal: principalArb,
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  }),
);

const json = (value: unknown) => JSON.stringify(value);

describe('export rows: compiled plan and projection vs the reference', () => {
  it('each row shows what its relation plans, from the list-view projection', () => {
    fc.assert(
      fc.property(worldArb, ({ template, records, directory, principal, picks }) => {
        const ctx = { locale: 'en' as const, hashToken: TEST_KEYS.hashToken };
        const compiled = compilePolicy(template, POLICY, { keys: TEST_KEYS, locale: 'en' });
        const viewer = createViewer(principal, directory);
        const w: RefWorld = { template, policy: POLICY, principal, directory };
        const paths = [...template.fields.map((f) => f.path), '/nope'];
        const request: ExportRequest = {
          columns: picks.map((n) => paths[n % paths.length]!),
          rowCount: 3,
          format: 'csv',
          purpose: 'contact',
          exportId: 'e1',
          at: '2025-01-01T00:00:00Z',
        };
        const rowOf = compileExportRow(template, compiled.planExport(request, viewer), ctx);
        for (const record of records) {
          const projected = compiled.projectRecord(record, viewer);
          expect(json(projected === null ? null : rowOf(projected))).toBe(
            json(refExportRow(w, request, record, ctx)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
