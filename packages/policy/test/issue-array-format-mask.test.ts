import {
  DEFAULT_WORKSPACE_POLICY,
  lintTemplate,
  MASK_FITS,
  parseTemplate,
  type Template,
} from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer } from '../src/engine/index.js';
import { maskFits } from '../src/masks/index.js';
import { TEST_KEYS } from './reference/generators.js';

const policy = DEFAULT_WORKSPACE_POLICY;

const template: Template = {
  id: 'array-formats',
  version: 1,
  title: 'Array formats',
  owner: '/ownerId',
  schema: {
    type: 'object',
    properties: {
      ownerId: { type: 'string' },
      emails: {
        type: 'array',
        items: { type: 'string', format: 'email' },
        'x-privacy': { level: 'confidential', purpose: 'contact', categories: ['contact'], basis: 'consent' },
      },
      mobiles: {
        type: 'array',
        items: { type: 'string', format: 'cn-mobile' },
        'x-privacy': { level: 'confidential', purpose: 'contact', categories: ['contact'], basis: 'consent' },
      },
    },
  },
};

describe('an array of e-mail or mobile strings (lint and run time read one table)', () => {
  it('is not refused by lint with mask-type-mismatch', () => {
    const codes = lintTemplate(template, policy).findings.map((f) => `${f.code} ${f.path}`);
    expect(codes.filter((c) => c.startsWith('mask-type-mismatch'))).toEqual([]);
  });

  it('is masked item by item with the mask lint accepted', () => {
    const parsed = parseTemplate(template, policy);
    if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.errors));
    const emails = parsed.template.fields.find((f) => f.path === '/emails')!;
    expect(emails.privacy.mask.style).toBe('email');
    expect(emails.itemKind).toBe('string');
    const compiled = compilePolicy(parsed.template, policy, { keys: TEST_KEYS, locale: 'en' });
    const rep = createViewer(
      { id: 'bob', roles: ['rep'], departmentId: 'east', managedDepartmentIds: [] },
      { parentOf: { east: null }, departmentOf: { alice: 'east', bob: 'east' } },
    );
    const projected = compiled.projectRecord(
      {
        id: 'r1',
        templateId: 'array-formats',
        templateVersion: 1,
        version: 1,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        data: { ownerId: 'alice', emails: ['jane@example.com'], mobiles: ['13812345678'] },
      },
      rep,
    );
    expect(projected?.data.emails).toEqual(['j***@example.com']);
    expect(projected?.data.mobiles).toEqual(['138****5678']);
  });

  it('gets the same verdict from lint and from the mask registry for arrays of every primitive kind', () => {
    const itemKinds = ['string', 'number', 'boolean'] as const;
    for (const style of Object.keys(MASK_FITS) as (keyof typeof MASK_FITS)[]) {
      const mask =
        style === 'range'
          ? { style, bounds: [1, 2] }
          : style === 'partial'
            ? { style, keepStart: 1, keepEnd: 1 }
            : style;
      for (const itemKind of itemKinds) {
        const candidate = {
          ...template,
          schema: {
            type: 'object',
            properties: {
              ownerId: { type: 'string' },
              f: { type: 'array', items: { type: itemKind }, 'x-privacy': { mask } },
            },
          },
        } as Template;
        const lintRefuses = lintTemplate(candidate, policy).findings.some(
          (f) => f.code === 'mask-type-mismatch' && f.path === '/f',
        );
        const resolved = typeof mask === 'string' ? { style: mask } : mask;
        expect({ style, itemKind, lintRefuses }).toEqual({
          style,
          itemKind,
          lintRefuses: !maskFits(resolved as never, 'array', itemKind),
        });
      }
    }
  });
});
