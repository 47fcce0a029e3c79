import type { JsonSchema } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { hasEditableField } from './schemaFields.js';

const schema = (readOnly: boolean): JsonSchema => ({
  type: 'object',
  properties: {
    company: { type: 'string', title: '公司', ...(readOnly ? { readOnly: true } : {}) },
    contacts: {
      type: 'array',
      title: '联系人',
      ...(readOnly ? { readOnly: true } : {}),
      items: { type: 'object', properties: { name: { type: 'string', title: '姓名' } } },
    },
  },
});

describe('hasEditableField', () => {
  it('is false for a form the viewer can only read (no save button)', () => {
    expect(hasEditableField(schema(true), {})).toBe(false);
    expect(hasEditableField({ type: 'object', properties: {} }, {})).toBe(false);
  });

  it('is false when the only writable-looking field is masked', () => {
    const ui = { company: { 'ui:options': { veilAccess: 'masked' } } };
    const s: JsonSchema = { type: 'object', properties: { company: { type: 'string', title: '公司' } } };
    expect(hasEditableField(s, ui)).toBe(false);
  });

  it('is true when a field can be changed', () => {
    expect(hasEditableField(schema(false), {})).toBe(true);
  });
});
