import { maskValue } from '@veil/policy';
import { DEFAULT_WORKSPACE_POLICY, parseTemplate, type Template } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { PREVIEW_KEYS } from './computePreview.js';
import { sampleValue } from './sampleValues.js';

const template: Template = {
  id: 'sample-test',
  version: 1,
  title: 't',
  owner: '/ownerId',
  schema: {
    type: 'object',
    properties: {
      ownerId: { type: 'string', 'x-privacy': { level: 'internal' } },
      mobile: {
        type: 'string',
        format: 'cn-mobile',
        'x-privacy': { level: 'confidential', purpose: 'contact' },
      },
      dealSize: {
        type: 'number',
        'x-privacy': {
          level: 'confidential',
          purpose: 'contact',
          mask: { style: 'range', bounds: [100000, 500000, 1000000] },
        },
      },
    },
  },
};

describe('the live mask sample', () => {
  it('masks a typical phone 3/4 by its format default and a typical amount into its 万 bucket', () => {
    const parsed = parseTemplate(template, DEFAULT_WORKSPACE_POLICY);
    if (parsed.status !== 'ok') throw new Error('expected ok');
    const ctx = { locale: 'zh-CN' as const, hashToken: PREVIEW_KEYS.hashToken };
    const shown = parsed.template.fields
      .filter((f) => f.path !== '/ownerId')
      .map((f) => maskValue(f.privacy.mask, sampleValue(f), ctx));
    expect(shown).toEqual(['138****5678', '10万–50万']);
  });
});
