import { DEFAULT_WORKSPACE_POLICY, parseTemplate } from '@veil/schema';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { applyChanges, validateData } from './recordData.js';

describe('applyChanges', () => {
  it('merges leaf changes, assigns server ids to new items and names every change in the patches', () => {
    let n = 0;
    const base = { stage: 'lead', contacts: [{ _id: 'c1', name: 'A' }] };
    const result = applyChanges(
      base,
      [
        { pointer: '/stage', value: 'won' },
        { pointer: '/contacts/c1/name', value: 'B' },
        { pointer: '/contacts/new:x/name', value: 'C' },
        { pointer: '/contacts/new:x/mobile', value: '139' },
      ],
      () => `id${++n}`,
    );
    expect(result.assignedIds).toEqual({ 'new:x': 'id1' });
    expect(result.data).toEqual({
      stage: 'won',
      contacts: [
        { _id: 'c1', name: 'B' },
        { _id: 'id1', name: 'C', mobile: '139' },
      ],
    });
    expect(base.stage).toBe('lead');
    expect(result.patches.map((p) => p.path.join('/')).sort()).toEqual([
      'contacts/0/name',
      'contacts/1',
      'stage',
    ]);
  });

  it('clears with null and removes items by _id', () => {
    const result = applyChanges(
      { a: 1, list: [{ _id: 'x' }, { _id: 'y' }] },
      [{ pointer: '/a', value: null }],
      () => 'z',
      ['/list/x'],
    );
    expect(result.data).toEqual({ list: [{ _id: 'y' }] });
  });
});

describe('validateData', () => {
  it('rewrites Ajv errors: item pointers by _id, fixed messages, no value', () => {
    const schema = {
      type: 'object',
      required: ['name'],
      properties: {
        ownerId: { type: 'string' },
        name: { type: 'string' },
        contacts: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { mobile: { type: 'string', pattern: '^1\\d{10}$' } },
          },
        },
      },
    };
    const parsed = parseTemplate(
      { id: 't', version: 1, title: 'T', owner: '/ownerId', schema },
      DEFAULT_WORKSPACE_POLICY,
    );
    if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.errors));
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    const issues = validateData(
      validate,
      { contacts: [{ _id: 'c7', mobile: 'SECRET-VALUE' }] },
      parsed.template,
    );
    expect(issues).toContainEqual({ path: '/name', code: 'required', message: 'This field is required.' });
    expect(issues).toContainEqual(expect.objectContaining({ path: '/contacts/c7/mobile', code: 'pattern' }));
    expect(JSON.stringify(issues)).not.toContain('SECRET-VALUE');
    // The item's server-assigned `_id` is not the author's data: a closed item schema accepts it.
    expect(issues.map((i) => i.code).sort()).toEqual(['pattern', 'required']);
  });
});
