import { DEFAULT_WORKSPACE_POLICY, type JsonSchema, parseTemplate } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer, ownerScopeOf, relationInScope } from '../src/engine/index.js';
import type { Directory, Principal, VeilRecord } from '../src/types.js';
import followUp from './fixtures/engine/followUp.json' with { type: 'json' };
import { TEST_KEYS } from './reference/generators.js';

const parsed = parseTemplate(followUp, DEFAULT_WORKSPACE_POLICY);
if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.errors));
const template = parsed.template;
const compiled = compilePolicy(template, DEFAULT_WORKSPACE_POLICY, { keys: TEST_KEYS, locale: 'en' });

const directory: Directory = {
  parentOf: { sales: null, east: 'sales', west: 'sales', partners: null },
  departmentOf: { alice: 'east', bob: 'east', carol: 'west', mia: 'sales', pat: 'partners', ada: 'sales' },
};
const who = (
  id: string,
  roles: string[],
  departmentId: string | null,
  managed: string[] = [],
): Principal => ({
  id,
  roles,
  departmentId,
  managedDepartmentIds: managed,
  name: id.toUpperCase(),
});
const alice = createViewer(who('alice', ['rep'], 'east'), directory);
const mia = createViewer(who('mia', ['manager'], 'sales', ['sales']), directory);
const pat = createViewer(who('pat', ['partner'], 'partners'), directory);
const ada = createViewer(who('ada', ['admin'], 'sales'), directory);

const recordOf = (id: string, ownerId: string): VeilRecord => ({
  id,
  templateId: 'follow-up',
  templateVersion: 1,
  version: 3,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-03-01T00:00:00.000Z',
  data: {
    ownerId,
    customerName: '张伟',
    phone: '13812345678',
    idNumber: '110101199003071234',
    stage: 'lead',
    lastContactAt: '2024-02-01T00:00:00.000Z',
    dealSize: 250000,
    contacts: [{ _id: 'c1', name: 'John Doe', phone: '13900001111', addedAt: '2024-01-10T00:00:00.000Z' }],
    notes: 'call back',
    smuggled: 'not in the schema',
  },
});
const ofAlice = recordOf('r-alice', 'alice');
const ofBob = recordOf('r-bob', 'bob');
const ofCarol = recordOf('r-carol', 'carol');
const ofPat = recordOf('r-pat', 'pat');

describe('createViewer and relationOf', () => {
  it('resolves the team down managed subtrees and survives cycles', () => {
    expect([...mia.teamDepartments].sort()).toEqual(['east', 'sales', 'west']);
    const looped = createViewer(who('x', ['manager'], null, ['a']), {
      parentOf: { a: 'b', b: 'a', c: 'b' },
      departmentOf: {},
    });
    expect([...looped.teamDepartments].sort()).toEqual(['a', 'b', 'c']);
  });

  it('gives owner, team, or null outside the row scope', () => {
    expect(compiled.relationOf(ofAlice, alice)).toBe('owner');
    expect(compiled.relationOf(ofBob, alice)).toBe('team');
    expect(compiled.relationOf(ofCarol, alice)).toBeNull();
    expect(compiled.relationOf(ofCarol, mia)).toBe('team');
    expect(compiled.relationOf(ofCarol, ada)).toBe('any');
    expect(compiled.relationOf(ofBob, pat)).toBeNull();
    expect(compiled.relationOf(ofBob, createViewer(who('z', ['ghost'], 'east'), directory))).toBeNull();
  });

  it('gives the store a scope condition it can join, narrowed for blind-index matches', () => {
    const scopeOf = (viewer: typeof alice, query = {}) => {
      const result = compiled.guardQuery(query, viewer);
      if (result.status !== 'allowed') throw new Error('refused');
      return result.scope;
    };
    expect(scopeOf(alice)).toEqual({ self: 'alice', departments: ['east'], relations: ['owner', 'team'] });
    expect(scopeOf(pat)).toEqual({ self: 'pat', departments: ['partners'], relations: ['owner'] });
    expect(scopeOf(ada).relations).toEqual(['owner', 'team', 'any']);
    // Alice reads phones in full only on her own records: a match on a phone reaches only those.
    expect(scopeOf(alice, { match: [{ field: '/phone', value: '13812345678' }] })).toEqual({
      self: 'alice',
      departments: ['east'],
      relations: ['owner'],
    });
    const users = ['alice', 'bob', 'carol', 'mia', 'pat'];
    const departmentOf = (id: string) => directory.departmentOf[id];
    expect(ownerScopeOf(scopeOf(alice), users, departmentOf)).toEqual({
      kind: 'owners',
      ownerIds: ['alice', 'bob'],
    });
    expect(ownerScopeOf(scopeOf(pat), users, departmentOf)).toEqual({ kind: 'owners', ownerIds: ['pat'] });
    expect(ownerScopeOf(scopeOf(ada), users, departmentOf)).toEqual({ kind: 'all' });
    expect(relationInScope(scopeOf(alice), 'carol', departmentOf)).toBeNull();
    expect(relationInScope(scopeOf(mia), 'carol', departmentOf)).toBe('team');
  });
});

describe('projectRecord', () => {
  it('shows the owning rep everything but restricted fields, and drops unknown keys', () => {
    const seen = compiled.projectRecord(ofAlice, alice)!;
    expect(seen.relation).toBe('owner');
    expect(seen.data).toEqual({
      ownerId: 'alice',
      customerName: '张伟',
      phone: '13812345678',
      stage: 'lead',
      lastContactAt: '2024-02-01T00:00:00.000Z',
      dealSize: 250000,
      contacts: [{ _id: 'c1', name: 'John Doe', phone: '13900001111', addedAt: '2024-01-10T00:00:00.000Z' }],
      notes: 'call back',
    });
    expect('idNumber' in seen.data).toBe(false);
    expect(seen.masked).toEqual([]);
  });

  it('masks a teammate record and marks the phone revealable', () => {
    const seen = compiled.projectRecord(ofBob, alice)!;
    expect(seen.relation).toBe('team');
    expect(seen.data.phone).not.toBe('13812345678');
    expect(seen.data.customerName).not.toBe('张伟');
    expect(seen.data.stage).toBe('lead');
    expect(seen.masked).toEqual([
      '/customerName',
      '/phone',
      '/dealSize',
      '/contacts/c1/name',
      '/contacts/c1/phone',
      // `contacts` looks personal, so its unannotated items are never shown more openly than it.
      '/contacts/c1/addedAt',
    ]);
    expect(seen.revealable).toEqual(['/phone']);
    const revealed = compiled.projectRecord(ofBob, alice, {
      revealed: new Set(['/phone', '/customerName']),
    })!;
    expect(revealed.data.phone).toBe('13812345678');
    expect(revealed.data.customerName).not.toBe('张伟');
    expect(revealed.revealable).toEqual([]);
  });

  it('hides another department entirely and shows the manager of the parent the team in full', () => {
    expect(compiled.projectRecord(ofCarol, alice)).toBeNull();
    expect(compiled.projectRecords([ofAlice, ofBob, ofCarol], alice).map((p) => p.id)).toEqual([
      'r-alice',
      'r-bob',
    ]);
    const seen = compiled.projectRecord(ofCarol, mia)!;
    expect(seen.data.phone).toBe('13812345678');
    expect(seen.data.customerName).toBe('张伟');
    expect(seen.masked).toEqual([]);
  });

  it('shows a partner only its own records, without confidential or internal fields', () => {
    expect(compiled.projectRecord(ofBob, pat)).toBeNull();
    const seen = compiled.projectRecord(ofPat, pat)!;
    expect(Object.keys(seen.data)).toEqual(['dealSize']);
    expect(seen.data.dealSize).not.toBe(250000);
    expect(seen.masked).toEqual(['/dealSize']);
  });
});

describe('projectForm', () => {
  it('removes hidden fields from properties, required and ui:order, and localizes titles', () => {
    const form = compiled.projectForm(alice, 'create', 'en');
    const properties = form.schema.properties!;
    expect(Object.keys(properties)).not.toContain('idNumber');
    expect(form.schema.required).toEqual(['ownerId', 'customerName']);
    expect(form.uiSchema['ui:order']).not.toContain('idNumber');
    expect(form.schema.title).toBe('Follow-up');
    expect(properties.customerName!.title).toBe('Customer name');
    expect(JSON.stringify(form)).not.toMatch(/x-privacy|x-i18n/);
    expect(properties.customerName!.readOnly).toBeUndefined();
    expect(compiled.projectForm(alice, 'create', 'zh-CN').schema.properties!.customerName!.title).toBe(
      '客户姓名',
    );
  });

  it('makes masked fields read-only strings and non-editable fields read-only', () => {
    const form = compiled.projectForm(alice, { relation: 'team' }, 'en');
    const phone = form.schema.properties!.phone as JsonSchema;
    expect(phone).toMatchObject({ type: 'string', readOnly: true });
    expect(phone.pattern).toBeUndefined();
    const dealSize = form.schema.properties!.dealSize as JsonSchema;
    expect(dealSize.type).toBe('string');
    expect(dealSize.minimum).toBeUndefined();
    expect(form.uiSchema.phone).toMatchObject({
      'ui:readonly': true,
      'ui:options': { veilAccess: 'reveal' },
    });
    expect(form.uiSchema.dealSize).toMatchObject({ 'ui:options': { veilAccess: 'masked' } });
    const stage = form.schema.properties!.stage as JsonSchema;
    expect(stage).toMatchObject({ readOnly: true, enum: ['lead', 'won', 'lost'] });
    expect(form.schema.properties!.notes!.readOnly).toBeUndefined();
    const items = (form.schema.properties!.contacts as JsonSchema).items as JsonSchema;
    expect(items.properties!.name).toMatchObject({ type: 'string', readOnly: true });
  });
});

describe('guardWrite', () => {
  it('allows the owner to edit its fields and append items with new: ids', () => {
    const result = compiled.guardWrite(
      [
        { pointer: '/phone', value: '13900000000' },
        { pointer: '/contacts/c1/name', value: 'Jane' },
        { pointer: '/contacts/new:a/name', value: 'New' },
      ],
      alice,
      ofAlice,
    );
    expect(result).toEqual({ status: 'allowed' });
    expect(compiled.guardWrite([{ pointer: '/contacts/new:a/phone', value: '1' }], alice)).toEqual({
      status: 'allowed',
    });
  });

  it('refuses each reason by pointer', () => {
    const result = compiled.guardWrite(
      [
        { pointer: '/nope', value: 1 },
        { pointer: '/contacts', value: [] },
        { pointer: '/contacts/c1', value: {} },
        { pointer: '/ownerId', value: 'alice' },
        { pointer: '/idNumber', value: 'x' },
        { pointer: '/phone', value: 'x' },
        { pointer: '/stage', value: 'won' },
        { pointer: '/contacts/zz/name', value: 'x' },
        { pointer: '/notes', value: 'ok for team' },
      ],
      alice,
      ofBob,
    );
    expect(result).toEqual({
      status: 'refused',
      refusals: [
        { pointer: '/nope', reason: 'unknown-field' },
        { pointer: '/contacts', reason: 'not-a-leaf' },
        { pointer: '/contacts/c1', reason: 'not-a-leaf' },
        { pointer: '/ownerId', reason: 'owner-field' },
        { pointer: '/idNumber', reason: 'hidden' },
        { pointer: '/phone', reason: 'masked' },
        { pointer: '/stage', reason: 'read-only' },
        { pointer: '/contacts/zz/name', reason: 'masked' },
      ],
    });
    expect(compiled.guardWrite([{ pointer: '/stage', value: 'won' }], alice, ofCarol)).toEqual({
      status: 'refused',
      refusals: [{ pointer: '/stage', reason: 'hidden' }],
    });
    expect(compiled.guardWrite([{ pointer: '/contacts/zz/addedAt', value: 'x' }], alice, ofAlice)).toEqual({
      status: 'refused',
      refusals: [{ pointer: '/contacts/zz/addedAt', reason: 'unknown-field' }],
    });
  });
});

describe('guardQuery', () => {
  it('treats scanned free text as read in full only by those who may also write it', () => {
    const notes = parseTemplate(
      {
        id: 'notes',
        version: 1,
        title: 'Notes',
        owner: '/ownerId',
        schema: {
          type: 'object',
          properties: {
            ownerId: { type: 'string', title: 'Owner' },
            note: {
              type: 'string',
              title: 'Note',
              'x-privacy': {
                level: 'internal',
                categories: ['free-text'],
                purpose: 'contact',
                basis: 'contract',
              },
            },
          },
        },
      },
      DEFAULT_WORKSPACE_POLICY,
    );
    if (notes.status !== 'ok') throw new Error(JSON.stringify(notes.errors));
    const policy = compilePolicy(notes.template, DEFAULT_WORKSPACE_POLICY, { keys: TEST_KEYS, locale: 'en' });
    const query = { filters: [{ field: '/note', op: 'contains' as const, value: '138' }] };
    // A rep reads teammates' notes (internal) but writes only its own: PII found in a teammate's
    // note is masked for it, so a filter on the raw text would be an oracle.
    expect(policy.guardQuery(query, alice)).toEqual({
      status: 'refused',
      refusals: [{ field: '/note', clause: 'filter', reason: 'not-readable-in-full' }],
    });
    // The manager writes notes of the whole team, so it reads them in full everywhere in scope.
    expect(policy.guardQuery(query, mia).status).toBe('allowed');
  });

  it('masks PII found in scanned free text for readers who may not write it, in projection', () => {
    const notes = parseTemplate(
      {
        id: 'notes',
        version: 1,
        title: 'Notes',
        owner: '/ownerId',
        schema: {
          type: 'object',
          properties: {
            ownerId: { type: 'string', title: 'Owner' },
            note: {
              type: 'string',
              title: 'Note',
              'x-privacy': {
                level: 'internal',
                categories: ['free-text'],
                purpose: 'contact',
                basis: 'contract',
              },
            },
          },
        },
      },
      DEFAULT_WORKSPACE_POLICY,
    );
    if (notes.status !== 'ok') throw new Error(JSON.stringify(notes.errors));
    const policy = compilePolicy(notes.template, DEFAULT_WORKSPACE_POLICY, { keys: TEST_KEYS, locale: 'en' });
    const record = { ...ofBob, data: { ownerId: 'bob', note: '回电 13812345678 谢谢' } };
    // Alice (a teammate who may not write Bob's note) reads it with the number masked.
    expect(policy.projectRecord(record, alice)?.data.note).toBe('回电 138****5678 谢谢');
    expect(policy.projectRecords([record], alice)[0]?.data.note).toBe('回电 138****5678 谢谢');
    // The manager writes the team's notes and so reads them in full; so does the author.
    expect(policy.projectRecord(record, mia)?.data.note).toBe('回电 13812345678 谢谢');
    const bob = createViewer(who('bob', ['rep'], 'east'), directory);
    expect(policy.projectRecord(record, bob)?.data.note).toBe('回电 13812345678 谢谢');
  });

  it('refuses fields not read in full on every admitted relation, naming clause and reason', () => {
    const result = compiled.guardQuery(
      {
        filters: [
          { field: '/phone', op: 'eq', value: '1' },
          { field: '/stage', op: 'eq', value: 'lead' },
        ],
        sort: [{ field: '/contacts', dir: 'asc' }],
        search: { text: 'x', fields: ['/idNumber'] },
        match: [{ field: '/customerName', value: '张伟' }],
        groupBy: ['/nope'],
        aggregates: [{ op: 'count' }, { op: 'sum', field: '/dealSize' }],
      },
      alice,
    );
    expect(result).toEqual({
      status: 'refused',
      refusals: [
        { field: '/phone', clause: 'filter', reason: 'not-readable-in-full' },
        { field: '/contacts', clause: 'sort', reason: 'not-a-value' },
        { field: '/idNumber', clause: 'search', reason: 'not-readable-in-full' },
        { field: '/customerName', clause: 'match', reason: 'no-blind-index' },
        { field: '/nope', clause: 'groupBy', reason: 'unknown-field' },
        { field: '/dealSize', clause: 'aggregate', reason: 'not-readable-in-full' },
      ],
    });
  });

  it('allows a blind-index match limited to the relations read in full', () => {
    expect(
      compiled.guardQuery(
        { match: [{ field: '/phone', value: '138' }], aggregates: [{ op: 'count' }] },
        alice,
      ),
    ).toEqual({
      status: 'allowed',
      scope: { self: 'alice', departments: ['east'], relations: ['owner'] },
      matchScope: [{ field: '/phone', relations: ['owner'] }],
    });
    expect(compiled.guardQuery({ filters: [{ field: '/phone', op: 'eq', value: '1' }] }, mia).status).toBe(
      'allowed',
    );
  });
});

describe('planExport', () => {
  const request = {
    columns: ['/stage', '/phone', '/idNumber', '/dealSize', '/nope'],
    rowCount: 10,
    format: 'csv' as const,
    purpose: 'contact',
    exportId: 'exp-7',
    at: '2025-05-01T08:00:00Z',
  };

  it('plans each column per row relation for a rep and watermarks who, when, purpose and id', () => {
    const plan = compiled.planExport(request, alice);
    expect(plan.columns.map((c) => [c.field, c.treatment, c.byRelation])).toEqual([
      ['/stage', 'clear', { owner: 'clear', team: 'clear' }],
      // Confidential exports masked, even on the rep's own rows.
      ['/phone', 'masked', { owner: 'masked', team: 'masked' }],
      ['/idNumber', 'dropped', {}],
      // As the list view: the rep's own deals as read, the team's masked.
      ['/dealSize', 'per-row', { owner: 'clear', team: 'masked' }],
      ['/nope', 'dropped', {}],
    ]);
    expect(plan.approvalReasons).toEqual(['approval-field']);
    expect(plan.watermark).toContain('ALICE');
    expect(plan.watermark).toContain('2025-05-01T08:00:00Z');
    expect(plan.watermark).toContain('Contact the customer about the deal');
    expect(plan.watermark).toContain('exp-7');
  });

  it('needs approval for approval fields and for many rows, and none for a small plain export', () => {
    const plan = compiled.planExport({ ...request, rowCount: 500 }, mia);
    expect(plan.columns.find((c) => c.field === '/dealSize')!.treatment).toBe('clear');
    expect(plan.approvalReasons).toEqual(['approval-field', 'row-count']);
    const plain = compiled.planExport({ ...request, columns: ['/stage', '/phone'] }, alice);
    expect(plain.needsApproval).toBe(false);
    expect(
      compiled.planExport({ ...request, columns: ['/stage'], rowCount: 101 }, alice).approvalReasons,
    ).toEqual(['row-count']);
  });
});

describe('auditDetails', () => {
  it('records fields and access levels, never values', () => {
    const read = compiled.auditDetails({ kind: 'read', records: [{ record: ofBob }] }, alice);
    expect(read.records[0]!.ref).toBe('ref_r-bob');
    expect(read.records[0]!.fields).toContainEqual({ path: '/phone', access: 'reveal' });
    expect(read.records[0]!.fields.map((f) => f.path)).not.toContain('/idNumber');
    const write = compiled.auditDetails(
      { kind: 'write', record: ofAlice, changedPaths: [['contacts', 0, 'phone']] },
      alice,
    );
    expect(write.records[0]!.fields).toEqual([{ path: '/contacts/*/phone', access: 'full' }]);
    const reveal = compiled.auditDetails(
      { kind: 'reveal', record: ofBob, pointer: '/contacts/c1/phone', reasonId: 'why-1' },
      alice,
    );
    expect(reveal.reveal).toEqual({ path: '/contacts/*/phone', reasonId: 'why-1' });
    expect(JSON.stringify([read, write, reveal])).not.toMatch(/1381234|张伟|John|call back/);
  });
});

describe('planRetention', () => {
  it('fires per field and per array item, relative to the item, in a stable order', () => {
    const steps = compiled.planRetention([ofBob, ofAlice], '2025-03-01T00:00:00.000Z');
    expect(steps).toEqual([
      {
        recordId: 'r-alice',
        action: 'anonymize',
        pointers: ['/contacts/c1/phone'],
        rule: '/contacts/*/phone',
        dueAt: '2024-02-09T00:00:00.000Z',
      },
      {
        recordId: 'r-alice',
        action: 'anonymize',
        pointers: ['/phone'],
        rule: '/phone',
        dueAt: '2025-01-31T00:00:00.000Z',
      },
      {
        recordId: 'r-bob',
        action: 'anonymize',
        pointers: ['/contacts/c1/phone'],
        rule: '/contacts/*/phone',
        dueAt: '2024-02-09T00:00:00.000Z',
      },
      {
        recordId: 'r-bob',
        action: 'anonymize',
        pointers: ['/phone'],
        rule: '/phone',
        dueAt: '2025-01-31T00:00:00.000Z',
      },
    ]);
    expect(compiled.planRetention([ofAlice], '2024-06-01T00:00:00.000Z').map((s) => s.rule)).toEqual([
      '/contacts/*/phone',
    ]);
    const applied = compiled.applyRetentionStep(ofAlice, steps[0]!)!;
    expect((applied.data.contacts as { phone: unknown }[])[0]!.phone).toBeNull();
    expect((ofAlice.data.contacts as { phone: unknown }[])[0]!.phone).toBe('13900001111');
    expect(compiled.planRetention([applied], '2025-03-01T00:00:00.000Z').map((s) => s.rule)).toEqual([
      '/phone',
    ]);
  });
});
