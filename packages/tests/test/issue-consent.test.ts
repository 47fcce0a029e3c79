import { DEFAULT_WORKSPACE_POLICY, parseTemplate, type Template } from '@veil/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './api/apiHarness.js';

/** Issue 16: consent per person and purpose; `requireConsent` refuses a write without it. */
const T = 'marketing-signup';
const MOBILE = '13900044401';
const marketing = {
  level: 'confidential',
  categories: ['contact'],
  purpose: 'marketing',
  basis: 'consent',
  retention: { days: 365, after: 'updatedAt', action: 'delete' },
};
const template = {
  id: T,
  version: 1,
  title: 'Marketing sign-up',
  owner: '/ownerId',
  subject: ['/mobile'],
  requireConsent: ['marketing'],
  schema: {
    type: 'object',
    title: 'Marketing sign-up',
    required: ['ownerId'],
    properties: {
      ownerId: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
      mobile: {
        type: 'string',
        title: 'Mobile',
        format: 'cn-mobile',
        'x-privacy': { ...marketing, purpose: 'contact', basis: 'contract', search: 'exact' },
      },
      interests: {
        type: 'string',
        title: 'Interests',
        'x-i18n': { 'zh-CN': { title: '兴趣' } },
        'x-privacy': marketing,
      },
      stage: { type: 'string', title: 'Stage', 'x-privacy': { level: 'internal' } },
    },
  },
};

let h: Harness;
let rep: ApiClient;
let compliance: ApiClient;

const create = (interests: string) =>
  rep.records.create.mutate({
    templateId: T,
    changes: [
      { pointer: '/mobile', value: MOBILE },
      { pointer: '/interests', value: interests },
    ],
  });

const consent = (granted: boolean) =>
  compliance.consents.record.mutate({
    value: MOBILE,
    purpose: 'marketing',
    granted,
    channel: 'paper',
    wordingVersion: 'marketing-v2',
    evidence: 'signed form #118',
  });

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 3 } });
  const admin = await h.as('admin');
  await admin.templates.saveDraft.mutate({ template });
  await admin.templates.publish.mutate({ templateId: T });
  rep = await h.as('rep-a');
  compliance = await h.as('compliance');
});
afterAll(async () => {
  await h?.close();
});

const count = async () => (await h.server.store.queryRecords(T, { limit: 100 })).total;

describe('consent', () => {
  it('refuses a write for a purpose without the person’s consent, naming field and purpose, storing nothing', async () => {
    const refused = await failure(create('CANARY-INTERESTS-1'));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('兴趣');
    expect(refused.message).toContain('同意');
    expect(refused.message).not.toContain('CANARY-INTERESTS-1');
    expect(refused.message).not.toContain('/interests');
    expect(await count()).toBe(0);
    // A field of a purpose that needs no consent is written as usual.
    await rep.records.create.mutate({
      templateId: T,
      changes: [{ pointer: '/mobile', value: '13900044409' }],
    });
    expect(await count()).toBe(1);
  });

  it('is recorded per purpose by compliance only, with channel, wording version and evidence', async () => {
    const refused = await failure(
      rep.consents.record.mutate({
        value: MOBILE,
        purpose: 'marketing',
        granted: true,
        channel: 'phone',
        wordingVersion: 'v1',
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('consents.record');
    const partial = await failure(
      compliance.consents.record.mutate({
        value: '1390004',
        purpose: 'marketing',
        granted: true,
        channel: 'phone',
        wordingVersion: 'v1',
      }),
    );
    expect(partial.code).toBe('BAD_REQUEST');
    const unknown = await failure(
      compliance.consents.record.mutate({
        value: MOBILE,
        purpose: 'no-such-purpose',
        granted: true,
        channel: 'phone',
        wordingVersion: 'v1',
      }),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
    await consent(true);
    const history = await compliance.consents.list.mutate({ value: MOBILE });
    expect(history[0]).toMatchObject({
      purpose: 'marketing',
      granted: true,
      channel: 'paper',
      wordingVersion: 'marketing-v2',
    });
  });

  it('admits the write once consent is recorded, and refuses it again after withdrawal', async () => {
    const made = await create('hiking');
    expect(await count()).toBe(2);
    await consent(false);
    const id = made.record?.id as string;
    const version = (await h.server.store.getRecord(T, id))!.version;
    const refused = await failure(
      rep.records.update.mutate({
        templateId: T,
        id,
        version,
        changes: [{ pointer: '/interests', value: 'sailing' }],
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    // Clearing the value needs no consent (withdrawal must be as easy as giving it).
    await rep.records.update.mutate({
      templateId: T,
      id,
      version,
      changes: [{ pointer: '/interests', value: null }],
    });
    const audit: string[] = [];
    for await (const entry of h.server.store.exportAudit()) audit.push(JSON.stringify(entry));
    expect(audit.some((l) => l.includes('"consent.record"'))).toBe(true);
    expect(audit.some((l) => l.includes('"consent.withdraw"'))).toBe(true);
    expect(audit.join('\n')).not.toContain(MOBILE);
    expect(audit.join('\n')).not.toContain('signed form');
  });

  it('is a template option checked at parse time', () => {
    const parsed = (requireConsent: string[], subject: string[]) =>
      parseTemplate({ ...template, requireConsent, subject } as unknown as Template, {
        ...DEFAULT_WORKSPACE_POLICY,
        purposes: [...DEFAULT_WORKSPACE_POLICY.purposes, { id: 'marketing', title: 'Marketing' }],
      });
    expect(parsed(['marketing'], ['/mobile']).status).toBe('ok');
    const unknown = parsed(['nope'], ['/mobile']);
    expect(unknown.status === 'error' && unknown.errors.map((e) => e.code)).toContain('purpose-unknown');
    const noSubject = parsed(['marketing'], []);
    expect(noSubject.status === 'error' && noSubject.errors.map((e) => e.path)).toContain('/requireConsent');
  });
});
