import type { VeilRecord } from '@veil/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './api/apiHarness.js';

/** Issue 16: a retention run — preview, then run — behind `retention.run`, locked and audited. */
const DAY = 86_400_000;
const T = 'retention-demo';
const personal = (retention: Record<string, unknown>) => ({
  level: 'confidential',
  categories: ['contact'],
  purpose: 'contact',
  basis: 'contract',
  retention,
});
const template = {
  id: T,
  version: 1,
  title: 'Retention demo',
  owner: '/ownerId',
  subject: ['/phone'],
  retention: { days: 365, after: 'createdAt', action: 'delete' },
  schema: {
    type: 'object',
    title: 'Retention demo',
    required: ['ownerId'],
    properties: {
      ownerId: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
      lastContactAt: {
        type: 'string',
        format: 'date',
        title: 'Last contact',
        'x-privacy': { level: 'internal' },
      },
      note: {
        type: 'string',
        title: 'Note',
        'x-privacy': personal({ days: 90, after: 'updatedAt', action: 'anonymize' }),
      },
      phone: {
        type: 'string',
        title: 'Phone',
        format: 'cn-mobile',
        'x-privacy': {
          ...personal({ days: 100, after: '/lastContactAt', action: 'delete' }),
          search: 'exact',
        },
      },
    },
  },
};

let h: Harness;
let compliance: ApiClient;

const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

async function put(
  id: string,
  createdDaysAgo: number,
  updatedDaysAgo: number,
  data: Record<string, unknown>,
) {
  const record: VeilRecord = {
    id,
    templateId: T,
    templateVersion: 1,
    version: 1,
    createdAt: ago(createdDaysAgo),
    updatedAt: ago(updatedDaysAgo),
    data: { ownerId: 'user-rep-a', ...data },
  };
  await h.server.store.createRecord({
    record,
    audit: { actor: 'system', action: 'record.create', target: id, details: {} },
  });
}

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 3 } });
  const admin = await h.as('admin');
  await admin.templates.saveDraft.mutate({ template });
  await admin.templates.publish.mutate({ templateId: T });
  await put('r-old', 800, 800, { note: 'CANARY-OLD-NOTE', phone: '13900055501' });
  await put('r-mid', 200, 200, {
    note: 'CANARY-MID-NOTE',
    phone: '13900055502',
    lastContactAt: ago(150).slice(0, 10),
  });
  await put('r-new', 1, 1, { note: 'fresh note', phone: '13900055503', lastContactAt: ago(1).slice(0, 10) });
  await put('r-held', 800, 800, { note: 'held note', phone: '13900055504' });
  compliance = await h.as('compliance');
  const hold = await compliance.subjects.hold.mutate({
    value: '13900055504',
    reason: 'audit by the regulator',
  });
  expect(hold.records).toBe(1);
});
afterAll(async () => {
  await h?.close();
});

const rulesOf = (preview: {
  rules: { templateId: string; rule: string; action: string; records: number }[];
}) =>
  preview.rules
    .filter((r) => r.templateId === T)
    .map((r) => `${r.rule} ${r.action} ${r.records}`)
    .sort();

describe('retention', () => {
  it('refuses a rep the preview and the run', async () => {
    const rep = await h.as('rep-a');
    for (const call of [() => rep.retention.preview.query(), () => rep.retention.run.mutate()]) {
      const refused = await failure(call());
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toContain('retention.run');
    }
  });

  it('previews what is due, by rule, leaving held records out and changing nothing', async () => {
    const preview = await compliance.retention.preview.query();
    expect(rulesOf(preview)).toEqual(['/note anonymize 2', '/phone delete 2', 'template delete 1']);
    expect(preview.held).toBeGreaterThanOrEqual(1);
    expect((await h.server.store.getRecord(T, 'r-old'))?.data.note).toBe('CANARY-OLD-NOTE');
  });

  it('refuses a second run while one holds the lock, with a clear message', async () => {
    const now = new Date().toISOString();
    await h.server.store.putDoc('jobs', {
      id: 'retention-lock',
      kind: 'retention',
      status: 'running',
      startedAt: now,
      updatedAt: now,
      progress: {},
    });
    const refused = await failure(compliance.retention.run.mutate());
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('正在运行');
    expect(await h.server.store.getRecord(T, 'r-old')).toBeDefined();
    // A lock nobody renewed for longer than its lease belongs to a run that died: taken over.
    await h.server.store.putDoc('jobs', {
      id: 'retention-lock',
      kind: 'retention',
      status: 'running',
      startedAt: ago(1),
      updatedAt: ago(1),
      progress: {},
    });
  });

  it('runs: deletes and anonymizes what is due, keeps no history of it, audits each record', async () => {
    const run = await compliance.retention.run.mutate();
    expect(run.deleted).toBeGreaterThanOrEqual(1);
    expect(await h.server.store.getRecord(T, 'r-old')).toBeUndefined();
    const mid = await h.server.store.getRecord(T, 'r-mid');
    expect(mid?.data.note).toBeNull();
    expect(mid?.data.phone).toBeUndefined();
    expect(JSON.stringify(await h.server.store.listRecordVersions(T, 'r-mid'))).not.toContain(
      'CANARY-MID-NOTE',
    );
    expect((await h.server.store.getRecord(T, 'r-new'))?.data.note).toBe('fresh note');
    expect((await h.server.store.getRecord(T, 'r-held'))?.data.note).toBe('held note');
    expect(await h.server.store.getDoc('jobs', 'retention-lock')).toBeUndefined();
    const audit: string[] = [];
    for await (const entry of h.server.store.exportAudit()) audit.push(JSON.stringify(entry));
    expect(audit.filter((line) => line.includes('"retention.apply"')).length).toBeGreaterThanOrEqual(2);
    expect(audit.some((line) => line.includes('"retention.run"'))).toBe(true);
    expect(audit.join('\n')).not.toContain('CANARY-');
    // Nothing is due any more for this template.
    expect(rulesOf(await compliance.retention.preview.query())).toEqual([]);
  });
});
