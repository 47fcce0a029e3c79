import { DEFAULT_WORKSPACE_POLICY, parseTemplate, type Template } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer } from '../src/engine/index.js';
import type { VeilRecord } from '../src/types.js';
import { TEST_KEYS } from './reference/generators.js';

const policy = DEFAULT_WORKSPACE_POLICY;
const directory = { parentOf: { east: null }, departmentOf: { alice: 'east', bob: 'east' } };
const admin = createViewer(
  { id: 'ada', roles: ['admin'], departmentId: 'east', managedDepartmentIds: [] },
  directory,
);
const rep = createViewer(
  { id: 'bob', roles: ['rep'], departmentId: 'east', managedDepartmentIds: [] },
  directory,
);

function compile(schema: Record<string, unknown>) {
  const template: Template = { id: 't', version: 1, title: 'T', owner: '/ownerId', schema };
  const parsed = parseTemplate(template, policy);
  if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.errors));
  return {
    sanitized: parsed.template,
    compiled: compilePolicy(parsed.template, policy, { keys: TEST_KEYS }),
  };
}

const record = (data: Record<string, unknown>): VeilRecord => ({
  id: 'r1',
  templateId: 't',
  templateVersion: 1,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  data,
});

// rjsf's "ifThenElse" sample, with an owner field.
const ifThenElse = {
  type: 'object',
  properties: {
    ownerId: { type: 'string' },
    animal: { enum: ['Cat', 'Fish'] },
  },
  allOf: [
    {
      if: { properties: { animal: { const: 'Cat' } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
      then: { properties: { food: { type: 'string', enum: ['meat', 'grass', 'fish'] } }, required: ['food'] },
    },
    {
      if: { properties: { animal: { const: 'Fish' } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
      then: {
        properties: {
          food: { type: 'string', enum: ['insect', 'worms'] },
          water: { type: 'string', enum: ['lake', 'sea'] },
        },
        required: ['food', 'water'],
      },
    },
  ],
};

describe('values defined in branches', () => {
  it('are fields: an if/then field can be written and reads back in full', () => {
    const { sanitized, compiled } = compile(ifThenElse);
    expect(sanitized.fields.map((f) => f.path)).toEqual(['/ownerId', '/animal', '/food', '/water']);
    const changes = [
      { pointer: '/animal', value: 'Fish' },
      { pointer: '/food', value: 'worms' },
      { pointer: '/water', value: 'sea' },
    ];
    expect(compiled.guardWrite(changes, admin)).toEqual({ status: 'allowed' });
    const data = { ownerId: 'ada', animal: 'Fish', food: 'worms', water: 'sea' };
    expect(compiled.projectRecord(record(data), admin)?.data).toEqual(data);
  });

  it('a body that sits in an allOf is every field of it, not one field', () => {
    const { sanitized } = compile({
      type: 'object',
      allOf: [
        { properties: { ownerId: { type: 'string' }, company: { type: 'string' } } },
        { properties: { dealSize: { type: 'number' } } },
      ],
    });
    expect(sanitized.fields.map((f) => f.path)).toEqual(['/ownerId', '/company', '/dealSize']);
  });

  it('take the strictest annotation among the branches that define them', () => {
    const { sanitized, compiled } = compile({
      type: 'object',
      properties: { ownerId: { type: 'string' } },
      oneOf: [
        { properties: { budget: { type: 'number', 'x-privacy': { level: 'internal' } } } },
        {
          properties: {
            budget: {
              type: 'number',
              'x-privacy': { level: 'restricted', purpose: 'contact', basis: 'contract', export: 'deny' },
            },
          },
        },
      ],
    });
    expect(sanitized.fields.find((f) => f.path === '/budget')?.privacy.level).toBe('restricted');
    const seen = compiled.projectRecord(record({ ownerId: 'alice', budget: 123456 }), rep);
    expect(JSON.stringify(seen)).not.toContain('123456');
  });
});

// A map keyed by phone number: the keys are personal data too.
const phoneBook = {
  type: 'object',
  properties: {
    ownerId: { type: 'string' },
    contacts: {
      type: 'object',
      title: 'Contacts by phone',
      additionalProperties: {
        type: 'object',
        properties: { name: { type: 'string' }, note: { type: 'string' } },
      },
      'x-privacy': { level: 'confidential', purpose: 'contact', basis: 'consent', categories: ['contact'] },
    },
    scores: {
      type: 'object',
      patternProperties: { '^q[0-9]+$': { type: 'integer' } },
      additionalProperties: false,
    },
    meta: { type: 'object', title: 'Extra data' },
  },
};

describe('open maps and free-form objects', () => {
  const { sanitized, compiled } = compile(phoneBook);
  const data = {
    ownerId: 'alice',
    contacts: { '+8613800001111': { name: 'Jane Smith', note: 'VIP' } },
    scores: { q1: 3, q2: 5 },
    meta: { source: 'fair', tags: ['a'] },
  };

  it('are fields whose entries share one annotation', () => {
    expect(sanitized.fields.map((f) => f.path)).toEqual([
      '/ownerId',
      '/contacts',
      '/contacts/*',
      '/contacts/*/name',
      '/contacts/*/note',
      '/scores',
      '/scores/*',
      '/meta',
    ]);
    expect(sanitized.fields.find((f) => f.path === '/contacts/*/name')?.privacy.level).toBe('confidential');
    expect(sanitized.fields.find((f) => f.path === '/meta')?.leaf).toBe(true);
  });

  it('read back unchanged for a full reader (the owner) and can be written by key', () => {
    const own = { ...data, ownerId: 'ada' };
    expect(compiled.projectRecord(record(own), admin)?.data).toEqual(own);
    expect(
      compiled.guardWrite(
        [
          { pointer: '/contacts/+8613800001111/name', value: 'Jane' },
          { pointer: '/scores/q3', value: 1 },
          { pointer: '/meta', value: { any: 'thing' } },
        ],
        admin,
      ),
    ).toEqual({ status: 'allowed' });
  });

  it('never show a key, or a value under it, to a reader who may not read the entries in full', () => {
    const seen = JSON.stringify(compiled.projectRecord(record(data), rep));
    expect(seen).not.toContain('8613800001111');
    expect(seen).not.toContain('Jane');
  });

  it('name the map, never a key, in refusals and audit entries', () => {
    const refused = compiled.guardWrite(
      [{ pointer: '/contacts/+8613800001111/name', value: 'x' }],
      rep,
      record(data),
    );
    expect(refused).toEqual({
      status: 'refused',
      refusals: [{ pointer: '/contacts/*/name', reason: 'masked' }],
    });
    const audit = JSON.stringify([
      compiled.auditDetails(
        { kind: 'write', record: record(data), changedPaths: [['contacts', '+8613800001111', 'name']] },
        admin,
      ),
      compiled.auditDetails({ kind: 'create', record: record(data) }, admin),
    ]);
    expect(audit).toContain('/contacts/*/name');
    expect(audit).not.toContain('8613800001111');
  });
});
