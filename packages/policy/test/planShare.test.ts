import { DEFAULT_WORKSPACE_POLICY, parseTemplate } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../src/engine/index.js';
import {
  compileExportRow,
  planShare,
  shareRecipientPolicy,
  shareRecipientViewer,
} from '../src/export/index.js';
import followUp from './fixtures/engine/followUp.json' with { type: 'json' };
import { TEST_KEYS } from './reference/generators.js';

const policy = shareRecipientPolicy(DEFAULT_WORKSPACE_POLICY);
const compile = (template: unknown) => {
  const parsed = parseTemplate(template as never, policy);
  if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.errors));
  return {
    template: parsed.template,
    compiled: compilePolicy(parsed.template, policy, { keys: TEST_KEYS, locale: 'en' }),
  };
};
const request = (fields: string[]) => ({
  fields,
  shareId: 's1',
  purpose: 'contact',
  at: '2026-01-01T00:00:00Z',
});

describe('planShare', () => {
  it('refuses fields hidden to an external principal, whatever a named external role (partner) may read', () => {
    const { compiled } = compile(followUp);
    const plan = planShare(
      compiled,
      shareRecipientViewer('s1', 'Lee'),
      request(['/stage', '/dealSize', '/idNumber']),
    );
    expect(plan.shown).toEqual([]);
    expect(plan.refused.map((r) => r.field)).toEqual(['/stage', '/dealSize', '/idNumber']);
  });

  it('shows what `external` may read, masked where it reads masked, for a recipient with no relation', () => {
    const { template, compiled } = compile({
      id: 'brief',
      version: 1,
      title: 'Brief',
      owner: '/ownerId',
      schema: {
        type: 'object',
        title: 'Brief',
        properties: {
          ownerId: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
          company: {
            type: 'string',
            title: 'Company',
            'x-privacy': { level: 'internal', access: { external: 'full' } },
          },
          contact: {
            type: 'string',
            title: 'Contact',
            'x-privacy': {
              level: 'confidential',
              purpose: 'contact',
              mask: 'name',
              access: { external: 'masked', staff: 'full' },
            },
          },
        },
      },
    });
    const viewer = shareRecipientViewer('s1', 'Lee');
    const plan = planShare(compiled, viewer, request(['/company', '/contact']));
    expect(plan.shown).toEqual([
      { field: '/company', treatment: 'clear' },
      { field: '/contact', treatment: 'masked' },
    ]);
    const record = {
      id: 'r1',
      templateId: 'brief',
      templateVersion: 1,
      version: 1,
      createdAt: '',
      updatedAt: '',
      data: { ownerId: 'u1', company: 'Acme', contact: 'Lee Wang' },
    };
    const projected = compiled.projectRecord(record, viewer)!;
    expect(projected.relation).toBe('any');
    const [company, contact] = compileExportRow(template, plan.plan, {
      locale: 'en',
      hashToken: TEST_KEYS.hashToken,
    })(projected);
    expect(company).toBe('Acme');
    expect(contact).not.toContain('Lee Wang');
  });
});
