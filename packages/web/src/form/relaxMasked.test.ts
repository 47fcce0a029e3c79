import type { JsonSchema } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { relaxMasked } from './relaxMasked.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['ownerId', 'company', 'gone'],
  properties: {
    ownerId: { type: 'string' },
    company: { type: 'string' },
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['mobile'],
        properties: { mobile: { type: 'string', format: 'cn-mobile', maxLength: 11 } },
      },
    },
  },
};

describe('relaxMasked', () => {
  it('turns a masked field into a read-only string without value constraints, so a masked value validates', () => {
    const out = relaxMasked(schema, ['/contacts/*/mobile']);
    const mobile = out.properties?.contacts?.items?.properties?.mobile;
    expect(mobile).toEqual({ type: ['string', 'null'], readOnly: true });
    expect(schema.properties?.contacts?.items?.properties?.mobile?.format).toBe('cn-mobile');
  });

  it('does not require what the user cannot fill: removed, hidden-widget or read-only fields', () => {
    const out = relaxMasked(schema, ['/contacts/*/mobile'], { ownerId: { 'ui:widget': 'hidden' } });
    expect(out.required).toEqual(['company']);
    expect(out.properties?.contacts?.items?.required).toEqual([]);
  });
});
