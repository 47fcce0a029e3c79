import { describe, expect, it } from 'vitest';
import { findBranchConflicts, MASK_FITS, maskFits } from '../src/lint/index.js';
import type { JsonSchema } from '../src/template.js';

const conf = { level: 'confidential', purpose: 'contact', basis: 'consent' } as const;
const restricted = { level: 'restricted', purpose: 'contact', basis: 'consent' } as const;

describe('findBranchConflicts', () => {
  it('finds a field annotated differently in two oneOf branches through $refs', () => {
    const schema: JsonSchema = {
      type: 'object',
      $defs: {
        a: { type: 'string', 'x-privacy': conf },
        b: { type: 'string', 'x-privacy': restricted },
      },
      properties: { value: { type: 'string' } },
      oneOf: [
        { properties: { value: { $ref: '#/$defs/a' } } },
        { properties: { value: { $ref: '#/$defs/b' } } },
      ],
    };
    expect(findBranchConflicts(schema)).toEqual(['/value']);
  });

  it('finds conflicts between then and else and between a branch and the node’s own properties, at depth', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        contacts: {
          type: 'array',
          items: {
            type: 'object',
            properties: { phone: { type: 'string', 'x-privacy': conf } },
            if: { properties: { kind: { const: 'vip' } } },
            // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword under test
            then: { properties: { phone: { type: 'string', 'x-privacy': restricted } } },
            else: { properties: { note: { type: 'string', 'x-privacy': conf } } },
          },
        },
      },
    };
    expect(findBranchConflicts(schema)).toEqual(['/contacts/*/phone']);
  });

  it('does not count a branch that leaves the field unannotated, nor equal annotations in another key order', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { phone: { type: 'string', 'x-privacy': conf } },
      anyOf: [
        { properties: { phone: { minLength: 11 } } },
        {
          properties: {
            phone: { 'x-privacy': { basis: 'consent', purpose: 'contact', level: 'confidential' } },
          },
        },
      ],
      allOf: [{ required: ['phone'] }],
    };
    expect(findBranchConflicts(schema)).toEqual([]);
  });
});

describe('maskFits', () => {
  it('rejects a range mask on a string and last4 on a boolean, accepts redact on anything', () => {
    expect(maskFits('range', 'string')).toBe(false);
    expect(maskFits('range', 'number')).toBe(true);
    expect(maskFits('last4', 'boolean')).toBe(false);
    expect(maskFits('last4', 'string')).toBe(true);
    for (const kind of MASK_FITS.redact) expect(maskFits('redact', kind)).toBe(true);
  });
});
