import { describe, expect, it } from 'vitest';
import type { Template } from '../template.js';
import { DEFAULT_WORKSPACE_POLICY } from '../workspacePolicy.js';
import { parseTemplate } from './parseTemplate.js';

const wrap = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Template => ({
  id: 't',
  version: 1,
  title: 'T',
  owner: '/ownerId',
  schema: { type: 'object', properties: { ownerId: { type: 'string' }, ...properties }, ...extra },
});

function accepted(template: Template) {
  const result = parseTemplate(template, DEFAULT_WORKSPACE_POLICY);
  if (result.status !== 'ok') throw new Error(JSON.stringify(result.errors));
  return result;
}

describe('standard formats and compiler notes', () => {
  it.each([
    'date',
    'time',
    'date-time',
    'duration',
    'email',
    'idn-email',
    'hostname',
    'ipv4',
    'ipv6',
    'uri',
    'uri-reference',
    'iri',
    'uuid',
    'regex',
    'json-pointer',
    'data-url',
  ])('knows the standard format %s', (format) => {
    expect(accepted(wrap({ v: { type: 'string', format } })).warnings).toBeUndefined();
  });

  it('ignores an unknown format with a warning that says so', () => {
    const result = accepted(wrap({ v: { type: 'string', format: 'color' } }));
    expect(result.warnings).toEqual([
      expect.objectContaining({ path: '/schema/properties/v/format', code: 'format-unknown' }),
    ]);
    expect(result.warnings?.[0]?.message).toContain('ignored');
    expect(result.template.schema.properties?.v?.format).toBeUndefined();
  });

  it('accepts legitimate constructs the compiler only notes, with a suggested fix and no compiler option', () => {
    const result = accepted(
      wrap(
        {
          nick: { minLength: 2 },
          pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] },
          cond: { type: 'object', properties: { a: { type: 'string' } }, if: { required: ['a'] } },
          codes: {
            type: 'object',
            properties: { q1: { type: 'integer' } },
            patternProperties: { '^q': { type: 'integer' } },
          },
        },
        // `required` naming a property declared only in a branch is accepted.
        { anyOf: [{ properties: { extra: { type: 'string' } } }], required: ['ownerId', 'extra'] },
      ),
    );
    const codes = (result.warnings ?? []).map((w) => w.code).sort();
    expect(codes).toEqual(
      expect.arrayContaining([
        'condition-incomplete',
        'keyword-without-type',
        'property-matches-pattern',
        'tuple-open',
      ]),
    );
    for (const w of result.warnings ?? []) {
      expect(w.message).not.toMatch(/strict|allowMatchingProperties|allowUnionTypes|Ajv option/i);
    }
  });

  it('keeps vendor and editor keywords as annotations instead of calling them typos', () => {
    const result = accepted(
      wrap({
        v: {
          type: 'string',
          'x-order': 3,
          markdownDescription: '**bold**',
          enumDescriptions: ['a'],
          deprecationMessage: 'old',
          defaultSnippets: [{ body: 'x' }],
          enum: ['a'],
        },
      }),
    );
    expect(result.template.schema.properties?.v?.markdownDescription).toBe('**bold**');
  });

  it('refuses a $ref to another document without fetching it, saying what to do', () => {
    const result = parseTemplate(
      wrap({ v: { $ref: 'https://example.com/address.json' } }),
      DEFAULT_WORKSPACE_POLICY,
    );
    expect(result.status).toBe('error');
    if (result.status === 'error') {
      expect(result.errors[0]).toMatchObject({ code: 'ref-remote', path: '/schema/properties/v/$ref' });
      expect(result.errors[0]?.message).toContain('never fetches');
    }
  });

  it('explains draft keywords instead of a misleading message', () => {
    const deps = parseTemplate(
      wrap({ a: { type: 'string' } }, { dependencies: { a: ['ownerId'] } }),
      DEFAULT_WORKSPACE_POLICY,
    );
    expect(deps.status === 'error' && deps.errors[0]?.message).toContain('dependentRequired');
    const tuple = parseTemplate(
      wrap({ t: { type: 'array', items: [{ type: 'string' }] } }),
      DEFAULT_WORKSPACE_POLICY,
    );
    expect(tuple.status === 'error' && tuple.errors[0]?.message).toContain('prefixItems');
  });
});
