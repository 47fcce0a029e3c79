import { readFileSync } from 'node:fs';
import type { VeilRecord } from '@veil/policy';
import type { Template, WorkspacePolicy } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { projectARecord } from './projectARecord.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const template: Template = read('../../../templates/b2b-follow-up/template.json');
const policy: WorkspacePolicy = read('../../../templates/workspace-policy.json');

const record: VeilRecord = {
  id: 'r1',
  templateId: template.id,
  templateVersion: template.version,
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  data: {
    ownerId: 'rep-a',
    company: '示例科技有限公司',
    dealSize: 230000,
    stage: 'lead',
    contacts: [{ _id: 'c1', name: '张伟', mobile: '13812345678' }],
  },
};

describe('projecting one customer', () => {
  const { owner, teammate } = projectARecord(template, policy, record);

  it('shows the owner the mobile number and the deal size in full', () => {
    expect(JSON.stringify(owner?.data)).toContain('13812345678');
    expect(owner?.data.dealSize).toBe(230000);
  });

  it('shows a teammate only the masked forms', () => {
    const seen = JSON.stringify(teammate?.data);
    expect(seen).not.toContain('13812345678');
    expect(seen).not.toContain('230000');
    expect(teammate?.data.dealSize).toMatch(/万/);
    expect(teammate?.masked).toContain('/dealSize');
  });
});
