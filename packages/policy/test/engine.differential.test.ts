import type { Relation } from '@veil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer, ownerScopeOf, relationInScope } from '../src/engine/index.js';
import type { Aggregate, ExportRequest, FieldChange, Query } from '../src/types.js';
import {
  directoryArb,
  POLICY,
  pointersOf,
  principalArb,
  recordArb,
  TEST_KEYS,
  templateArb,
  USERS,
} from './reference/generators.js';
import {
  type RefWorld,
  refGuardQuery,
  refGuardWrite,
  refPlanExport,
  refProject,
  refRelation,
} from './reference/referenceEngine.js';

const worldArb = templateArb().chain(({ template, props, rootEntry }) =>
  fc.record({
    template: fc.constant(template),
    records: fc.tuple(
      recordArb(props, 'r1', rootEntry),
      recordArb(props, 'r2', rootEntry),
      recordArb(props, 'r3', rootEntry),
    ),
    directory: directoryArb,
    principal: principalArb,
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    revealBits: fc.nat(),
    rowCount: fc.integer({ min: 0, max: 200 }),
  }),
);

// JSON text, not toStrictEqual: a schema key named `constructor` confuses structural equality,
// and the text also pins key order.
const json = (value: unknown) => JSON.stringify(value);

const pick = <T>(list: readonly T[], picks: number[]): T[] => picks.map((n) => list[n % list.length]!);

describe('compiled engine vs reference interpreter', () => {
  it('relations, scope filters and projections agree (reveals included)', () => {
    fc.assert(
      fc.property(worldArb, ({ template, records, directory, principal, revealBits }) => {
        const compiled = compilePolicy(template, POLICY, { keys: TEST_KEYS, locale: 'en' });
        const viewer = createViewer(principal, directory);
        const w: RefWorld = { template, policy: POLICY, principal, directory };
        const ctx = { locale: 'en' as const, hashToken: TEST_KEYS.hashToken };
        for (const record of records) {
          expect(compiled.relationOf(record, viewer)).toBe(refRelation(w, record));
          const plain = compiled.projectRecord(record, viewer);
          expect(json(plain)).toBe(json(refProject(w, record, new Set(), ctx)));
          // Reveal a seeded subset of masked pointers: only `reveal` ones may open.
          const revealed = new Set((plain?.masked ?? []).filter((_, i) => (revealBits >> i) & 1));
          expect(json(compiled.projectRecord(record, viewer, { revealed }))).toBe(
            json(refProject(w, record, revealed, ctx)),
          );
        }
        const many = compiled.projectRecords(records, viewer);
        expect(json(many)).toBe(
          json(records.map((r) => refProject(w, r, new Set(), ctx)).filter((p) => p !== null)),
        );
        // The scope condition admits exactly the records the reference puts in scope.
        const guarded = compiled.guardQuery({}, viewer);
        if (guarded.status !== 'allowed') throw new Error('an empty query is never refused');
        const owners = ownerScopeOf(guarded.scope, USERS, viewer.departmentOf);
        for (const record of records) {
          const owner = record.data.ownerId;
          expect(relationInScope(guarded.scope, owner, viewer.departmentOf)).toBe(refRelation(w, record));
          const admittedByOwners =
            owners.kind === 'all' || (typeof owner === 'string' && owners.ownerIds.includes(owner));
          if (admittedByOwners) expect(refRelation(w, record)).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('write guards agree for creates and updates', () => {
    fc.assert(
      fc.property(worldArb, ({ template, records, directory, principal, picks }) => {
        const compiled = compilePolicy(template, POLICY, { keys: TEST_KEYS });
        const viewer = createViewer(principal, directory);
        const w: RefWorld = { template, policy: POLICY, principal, directory };
        for (const record of records) {
          const changes: FieldChange[] = pick(pointersOf(template, record.data), picks).map((pointer) => ({
            pointer,
            value: 'x',
          }));
          expect(compiled.guardWrite(changes, viewer, record)).toStrictEqual(
            refGuardWrite(w, changes, record),
          );
          expect(compiled.guardWrite(changes, viewer)).toStrictEqual(refGuardWrite(w, changes));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('query guards and export plans agree', () => {
    fc.assert(
      fc.property(worldArb, ({ template, directory, principal, picks, rowCount }) => {
        const compiled = compilePolicy(template, POLICY, { keys: TEST_KEYS });
        const viewer = createViewer(principal, directory);
        const w: RefWorld = { template, policy: POLICY, principal, directory };
        const paths = [...template.fields.map((f) => f.path), '/nope', '/ownerId', ''];
        const chosen = pick(paths, picks);
        const third = (k: number) => chosen.filter((_, i) => i % 3 === k);
        const aggregates: Aggregate[] = [
          { op: 'count' },
          ...third(2).map((field) => ({ op: 'sum' as const, field })),
        ];
        const queries: Query[] = [
          { filters: third(0).map((field) => ({ field, op: 'eq' as const, value: 1 })) },
          { sort: third(1).map((field) => ({ field, dir: 'asc' as const })), groupBy: third(2) },
          { search: { text: 'x', fields: third(0) }, match: chosen.map((field) => ({ field, value: 'v' })) },
          { aggregates },
          { match: chosen.map((field) => ({ field, value: 'v' })) },
        ];
        for (const query of queries) {
          const result = compiled.guardQuery(query, viewer);
          expect(result).toStrictEqual(refGuardQuery(w, query));
          // A record is reachable through the narrowed scope only where every matched field is read in full.
          if (result.status === 'allowed' && query.match !== undefined)
            for (const relation of result.scope.relations)
              for (const m of query.match)
                expect(refGuardQuery(w, { match: [m] })).toMatchObject({
                  matchScope: [{ relations: expect.arrayContaining([relation]) }],
                });
        }
        const request: ExportRequest = {
          columns: chosen,
          rowCount,
          format: 'csv',
          purpose: 'contact',
          exportId: 'e1',
          at: '2025-01-01T00:00:00Z',
        };
        // The columns a table offers agree with what the guard (and the reference) allows.
        const columns = new Map(compiled.describeColumns(viewer).map((c) => [c.path, c]));
        for (const field of template.fields) {
          const column = columns.get(field.path);
          const filtered = refGuardQuery(w, { filters: [{ field: field.path, op: 'eq', value: 1 }] });
          const matched = refGuardQuery(w, { match: [{ field: field.path, value: 'v' }] });
          if (column === undefined) {
            expect(filtered.status).toBe('refused');
            continue;
          }
          expect(column.queryable).toBe(filtered.status === 'allowed');
          expect(column.matchable).toBe(matched.status === 'allowed');
        }
        const { watermark, ...plan } = compiled.planExport(request, viewer);
        expect(plan).toStrictEqual(refPlanExport(w, request));
        expect(watermark).toContain('e1');
      }),
      { numRuns: 300 },
    );
  });

  it('team resolution agrees with an upward walk, cycles included', () => {
    fc.assert(
      fc.property(directoryArb, principalArb, (directory, principal) => {
        const viewer = createViewer(principal, directory);
        const w: RefWorld = {
          template: { owner: '/ownerId' } as never,
          policy: POLICY,
          principal,
          directory,
        };
        for (const user of USERS) {
          if (user === principal.id) continue;
          const record = { data: { ownerId: user } } as never;
          const expected: Relation | null = refRelation(
            { ...w, principal: { ...principal, roles: ['admin'] } },
            record,
          );
          const department = viewer.departmentOf(user);
          const inTeam = department !== undefined && viewer.teamDepartments.has(department);
          expect(inTeam ? 'team' : 'any').toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
