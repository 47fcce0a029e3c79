import { DEFAULT_WORKSPACE_POLICY, parseTemplate } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer } from '../src/engine/index.js';
import type { Directory, Principal, VeilRecord, Viewer } from '../src/types.js';
import followUp from './fixtures/engine/followUp.json' with { type: 'json' };
import { TEST_KEYS } from './reference/generators.js';

// Issue 13: the search box's plan (`planSearch`) searches a field only where the viewer reads it
// in full, so the server never answers a search on a value the viewer sees masked.

const parsed = parseTemplate(followUp, DEFAULT_WORKSPACE_POLICY);
if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.errors));
const compiled = compilePolicy(parsed.template, DEFAULT_WORKSPACE_POLICY, { keys: TEST_KEYS, locale: 'en' });

const directory: Directory = {
  parentOf: { sales: null, east: 'sales', west: 'sales', partners: null },
  departmentOf: { alice: 'east', bob: 'east', carol: 'west', mia: 'sales', pat: 'partners', ada: 'sales' },
};
const who = (id: string, roles: string[], departmentId: string, managed: string[] = []): Principal => ({
  id,
  roles,
  departmentId,
  managedDepartmentIds: managed,
  name: id,
});
const viewers: Record<string, Viewer> = {
  alice: createViewer(who('alice', ['rep'], 'east'), directory),
  mia: createViewer(who('mia', ['manager'], 'sales', ['sales']), directory),
  pat: createViewer(who('pat', ['partner'], 'partners'), directory),
  ada: createViewer(who('ada', ['admin'], 'sales'), directory),
};
const recordOf = (id: string, ownerId: string): VeilRecord => ({
  id,
  templateId: 'follow-up',
  templateVersion: 1,
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  data: {
    ownerId,
    customerName: '张伟',
    phone: '13812345678',
    idNumber: '110101199003071234',
    stage: 'lead',
    lastContactAt: '2024-02-01T00:00:00.000Z',
    dealSize: 250000,
    contacts: [{ _id: 'c1', name: 'John Doe', phone: '13900001111', addedAt: 'Jan' }],
    notes: 'call back',
  },
});
const records = ['alice', 'bob', 'carol', 'mia', 'pat'].map((o) => recordOf(`r-${o}`, o));

/** The value at a schema path of a projected record (first item for `*`). */
function at(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const segment of path.slice(1).split('/')) {
    if (segment === '*') value = Array.isArray(value) ? value[0] : undefined;
    else value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

describe('issue: the search box searches only what the viewer reads in full', () => {
  it('a rep searches her own customers by the contact and phone, colleagues only by what she reads in full', () => {
    const plan = compiled.planSearch(viewers.alice!);
    const own = plan.substring.find((p) => p.relations.includes('owner'));
    const team = plan.substring.find((p) => p.relations.includes('team'));
    expect(own?.fields).toEqual(expect.arrayContaining(['/customerName', '/phone', '/contacts/*/name']));
    expect(team?.fields ?? []).not.toContain('/customerName');
    expect(team?.fields ?? []).not.toContain('/phone');
    expect(plan.exact).toEqual([{ field: '/phone', relations: ['owner'] }]);
    // Never the restricted ID number, a choice, a date or the owner id.
    const covered = plan.covers.map((c) => c.field);
    for (const field of ['/idNumber', '/stage', '/lastContactAt', '/ownerId', '/dealSize'])
      expect(covered).not.toContain(field);
  });

  it('every planned field is shown in full on every record of the relations it is searched on', () => {
    for (const [name, viewer] of Object.entries(viewers)) {
      const plan = compiled.planSearch(viewer);
      const seen = new Set<string>();
      for (const part of plan.substring)
        for (const relation of part.relations) {
          expect(seen.has(relation), `${name}: ${relation} in two parts`).toBe(false);
          seen.add(relation);
        }
      for (const record of records) {
        const relation = compiled.relationOf(record, viewer);
        if (relation === null) continue;
        const projected = compiled.projectRecord(record, viewer);
        const fields = [
          ...(plan.substring.find((p) => p.relations.includes(relation))?.fields ?? []),
          ...plan.exact.filter((e) => e.relations.includes(relation)).map((e) => e.field),
        ];
        for (const field of fields) {
          expect(projected?.masked ?? [], `${name} ${record.id} ${field}`).not.toContain(field);
          expect(at(projected?.data ?? {}, field), `${name} ${record.id} ${field}`).toEqual(
            at(record.data, field),
          );
        }
      }
    }
  });

  it('a field encrypted at rest is found only by a whole value; a partner searches nothing it may not read', () => {
    const plan = compiled.planSearch(viewers.ada!, { encrypted: ['/phone'] });
    expect(plan.substring.flatMap((p) => p.fields)).not.toContain('/phone');
    expect(plan.covers.find((c) => c.field === '/phone')).toMatchObject({ substring: [], exact: true });
    const partner = compiled.planSearch(viewers.pat!);
    for (const c of partner.covers) expect(['/customerName', '/phone', '/idNumber']).not.toContain(c.field);
  });
});
