import { DEFAULT_WORKSPACE_POLICY, parseTemplate, type Template } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer } from '../src/engine/index.js';
import { TEST_KEYS } from './reference/generators.js';

const policy = DEFAULT_WORKSPACE_POLICY;
const directory = { parentOf: { east: null }, departmentOf: { alice: 'east', bob: 'east' } };
const rep = createViewer(
  { id: 'bob', roles: ['rep'], departmentId: 'east', managedDepartmentIds: [] },
  directory,
);

function compile(contact: Record<string, unknown>) {
  const template: Template = {
    id: 't',
    version: 1,
    title: 'T',
    owner: '/ownerId',
    schema: { type: 'object', properties: { ownerId: { type: 'string' }, contact } },
  };
  const parsed = parseTemplate(template, policy);
  if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.errors));
  return {
    sanitized: parsed.template,
    compiled: compilePolicy(parsed.template, policy, { keys: TEST_KEYS }),
  };
}

/** What a rep in the owner's team sees of alice's record. */
function seenByTeammate(compiled: ReturnType<typeof compile>['compiled'], contact: unknown): string {
  const record = {
    id: 'r1',
    templateId: 't',
    templateVersion: 1,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    data: { ownerId: 'alice', contact },
  };
  return JSON.stringify(compiled.projectRecord(record, rep));
}

describe('composite and typeless properties', () => {
  it('a oneOf of an object and a string is one value, confidential when a name inside looks personal', () => {
    const { sanitized, compiled } = compile({
      oneOf: [
        { type: 'object', properties: { name: { type: 'string' }, company: { type: 'string' } } },
        { type: 'string' },
      ],
    });
    const field = sanitized.fields.find((f) => f.path === '/contact')!;
    expect(field).toMatchObject({ leaf: true, source: 'looks-personal' });
    expect(field.privacy.level).toBe('confidential');
    expect(seenByTeammate(compiled, { name: 'Jane Smith', company: 'ACME' })).not.toContain('Jane Smith');
    expect(seenByTeammate(compiled, 'Jane Smith')).not.toContain('Jane Smith');
  });

  it('properties declared only in branches are fields, each judged by its own name', () => {
    const { sanitized, compiled } = compile({
      type: 'object',
      anyOf: [
        { properties: { name: { type: 'string' } } },
        { properties: { details: { type: 'object', properties: { mobile: { type: 'string' } } } } },
      ],
    });
    expect(sanitized.fields.find((f) => f.path === '/contact/name')?.privacy.level).toBe('confidential');
    expect(sanitized.fields.find((f) => f.path === '/contact/details/mobile')?.privacy.level).toBe(
      'confidential',
    );
    const seen = seenByTeammate(compiled, { name: 'Jane Smith', details: { mobile: '13812345678' } });
    expect(seen).not.toContain('Jane Smith');
    expect(seen).not.toContain('13812345678');
  });

  it('an annotation inside an opaque value applies to the whole value', () => {
    const { sanitized } = compile({
      oneOf: [
        {
          type: 'object',
          properties: {
            score: {
              type: 'number',
              'x-privacy': { level: 'restricted', purpose: 'contact', basis: 'consent' },
            },
          },
        },
        { type: 'number' },
      ],
    });
    expect(sanitized.fields.find((f) => f.path === '/contact')?.privacy.level).toBe('restricted');
  });

  it('an opaque value with nothing personal inside stays internal', () => {
    const { sanitized } = compile({
      oneOf: [{ type: 'object', properties: { stage: { type: 'string' } } }, { type: 'string' }],
    });
    expect(sanitized.fields.find((f) => f.path === '/contact')?.privacy.level).toBe('internal');
  });
});
