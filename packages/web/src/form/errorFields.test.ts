import type { JsonSchema } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { errorField } from './errorFields.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    stage: { type: 'string', title: '阶段' },
    followUps: {
      type: 'array',
      title: '跟进记录',
      items: { type: 'object', properties: { at: { type: 'string', title: '时间' } } },
    },
  },
};

describe('errorField', () => {
  it('names a field by its title, never by its JSON path', () => {
    expect(errorField(schema, '.stage')).toEqual({ label: '阶段', id: 'root_stage' });
  });

  it('names an item field by the list title, the item number and the field title', () => {
    expect(errorField(schema, '.followUps.0.at')).toEqual({
      label: '跟进记录 1 · 时间',
      id: 'root_followUps_0_at',
    });
    expect(errorField(schema, '.followUps[1].at').label).toBe('跟进记录 2 · 时间');
  });

  it('gives the form itself an empty label', () => {
    expect(errorField(schema, '').label).toBe('');
  });
});
