import type { AuditEntry } from '@veil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './apiHarness.js';

const T = 'partner-brief';
const DAY = 86_400_000;
const WECHAT_PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44';

const template = {
  id: T,
  version: 1,
  title: 'Partner brief',
  owner: '/ownerId',
  schema: {
    type: 'object',
    title: 'Partner brief',
    required: ['ownerId', 'company'],
    properties: {
      ownerId: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
      company: {
        type: 'string',
        title: 'Company',
        'x-privacy': { level: 'internal', access: { external: 'full' } },
      },
      contactName: {
        type: 'string',
        title: 'Contact',
        'x-privacy': {
          level: 'confidential',
          categories: ['identity'],
          purpose: 'contact',
          basis: 'consent',
          mask: 'name',
          retention: { days: 365, after: 'updatedAt', action: 'delete' },
          access: { external: 'masked' },
        },
      },
      brief: {
        type: 'string',
        title: 'Brief',
        'x-privacy': { level: 'internal', scan: false, access: { external: 'full' } },
      },
      mobile: {
        type: 'string',
        title: 'Mobile',
        'x-privacy': {
          level: 'confidential',
          categories: ['contact'],
          purpose: 'contact',
          basis: 'consent',
          mask: 'last4',
          retention: { days: 365, after: 'updatedAt', action: 'delete' },
        },
      },
    },
  },
};

const NAME = '欧阳志远';
const MOBILE = '13912345678';
const PHONE_IN_BRIEF = '13800138000';
let h: Harness;
let offset = 0;
let repA: ApiClient;
let repB: ApiClient;
let repC: ApiClient;
let admin: ApiClient;

const share = (extra: Record<string, unknown> = {}) => ({
  templateId: T,
  recordIds: ['brief-1'],
  fields: ['/company', '/contactName', '/brief'],
  recipientLabel: 'Partner Lee · Acme',
  purpose: 'contact',
  ...extra,
});

beforeAll(async () => {
  h = await startHarness({
    seed: { customers: 3 },
    now: () => new Date(Date.now() + offset),
    config: { loginDelayMs: () => 0, sessionIdleMs: 90 * DAY, sessionAbsoluteMs: 90 * DAY },
  });
  repA = await h.as('rep-a');
  repB = await h.as('rep-b');
  repC = await h.as('rep-c');
  admin = await h.as('admin');
  await admin.templates.saveDraft.mutate({ template });
  await admin.templates.publish.mutate({ templateId: T });
  const now = new Date().toISOString();
  for (const [id, owner] of [
    ['brief-1', 'user-rep-a'],
    ['brief-2', 'user-rep-b'],
  ] as const) {
    await h.server.store.createRecord({
      record: {
        id,
        templateId: T,
        templateVersion: 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
        data: {
          ownerId: owner,
          company: `Acme Trading ${id}`,
          contactName: NAME,
          brief: `Wants a quote; call ${PHONE_IN_BRIEF} after 5pm.`,
          mobile: MOBILE,
        },
      },
      audit: { actor: 'system', action: 'record.create', target: id, details: {} },
    });
  }
});
afterAll(async () => {
  await h?.close();
});

async function open(path: string, ua = WECHAT_PHONE) {
  const response = await fetch(`${h.server.url}${path}`, { headers: { 'user-agent': ua } });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

async function entries(action: string, target: string): Promise<AuditEntry[]> {
  return (await h.server.store.listAudit({ action, target, limit: 100 })).entries;
}

describe('share links', () => {
  it('previews exactly what the recipient sees, scans free text for PII and masks it unless declined', async () => {
    const preview = await repA.shares.preview.query(share());
    const fields = preview.records[0]!.fields;
    expect(fields.map((f) => [f.title, f.treatment])).toEqual([
      ['Company', 'clear'],
      ['Contact', 'masked'],
      ['Brief', 'clear'],
    ]);
    expect(fields[0]!.text).toBe('Acme Trading brief-1');
    expect(fields[1]!.text).not.toContain(NAME);
    expect(preview.pii).toEqual([{ record: 0, field: '/brief', title: 'Brief', kinds: expect.any(Array) }]);
    expect(fields[2]!.text).not.toContain(PHONE_IN_BRIEF);
    const declined = await repA.shares.preview.query(share({ maskPii: false }));
    expect(declined.records[0]!.fields[2]!.text).toContain(PHONE_IN_BRIEF);
  });

  it('opens without login, as previewed, watermarked with the label, uncached; the opening is audited without the address', async () => {
    const preview = await repA.shares.preview.query(share());
    const made = await repA.shares.create.mutate(share());
    const page = await open(made.path);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('Partner Lee · Acme');
    for (const field of preview.records[0]!.fields)
      expect(page.html).toContain(field.text.replace(/&/g, '&#38;'));
    for (const secret of [NAME, MOBILE, PHONE_IN_BRIEF]) expect(page.html).not.toContain(secret);
    const [opened] = await entries('share.open', made.id);
    expect(opened!.details).toMatchObject({ uaFamily: 'wechat/mobile', opens: 1 });
    expect(JSON.stringify(opened)).not.toMatch(/127\.0\.0\.1|::1/);
    const noteId = (opened!.details as { addressNoteId: string }).addressNoteId;
    expect(await h.server.store.getNote(noteId)).toMatch(/127\.0\.0\.1|::1/);
    expect((await repA.shares.mine.query()).find((s) => s.id === made.id)!.opens).toBe(1);
  });

  it('refuses a field the recipient may not see, a record outside the sharer’s scope, and too long a life', async () => {
    const hidden = await failure(repA.shares.create.mutate(share({ fields: ['/company', '/mobile'] })));
    expect(hidden.code).toBe('FORBIDDEN');
    expect(hidden.message).toContain('Mobile');
    expect(hidden.message).not.toContain(MOBILE);
    expect((await failure(repA.shares.preview.query(share({ fields: ['/mobile'] })))).code).toBe('FORBIDDEN');
    expect((await failure(repC.shares.create.mutate(share()))).code).toBe('NOT_FOUND');
    expect((await failure(repA.shares.create.mutate(share({ expiresInHours: 24 * 60 })))).code).toBe(
      'BAD_REQUEST',
    );
  });

  it('a revoked, expired or used one-time link no longer opens', async () => {
    const revoked = await repA.shares.create.mutate(share());
    expect((await failure(repB.shares.revoke.mutate({ shareId: revoked.id }))).code).toBe('NOT_FOUND');
    expect((await repA.shares.revoke.mutate({ shareId: revoked.id })).state).toBe('revoked');
    expect((await open(revoked.path)).status).toBe(410);
    expect((await entries('share.open-refused', revoked.id))[0]!.details).toMatchObject({ state: 'revoked' });

    const once = await repA.shares.create.mutate(share({ oneTime: true }));
    expect((await open(once.path)).status).toBe(200);
    expect((await open(once.path)).status).toBe(410);
    const race = await repA.shares.create.mutate(share({ oneTime: true }));
    const both = await Promise.all([open(race.path), open(race.path)]);
    expect(both.map((b) => b.status).sort()).toEqual([200, 410]);

    const short = await repA.shares.create.mutate(share({ expiresInHours: 1 }));
    expect((await open(short.path)).status).toBe(200);
    offset += 2 * 3_600_000;
    expect((await open(short.path)).status).toBe(410);
    expect((await open('/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('copies a masked summary as text for a chat', async () => {
    const { text } = await repA.shares.copyText.mutate(share({ maskPii: false }));
    expect(text).toContain('Partner Lee · Acme');
    expect(text).toContain('Company: Acme Trading brief-1');
    for (const secret of [NAME, MOBILE, PHONE_IN_BRIEF]) expect(text).not.toContain(secret);
  });

  it('the leaver guard revokes a leaver’s live links in the deactivation step', async () => {
    const made = await repB.shares.create.mutate(share({ recordIds: ['brief-2'] }));
    expect((await open(made.path)).status).toBe(200);
    const result = await admin.users.deactivate.mutate({ userId: 'user-rep-b', successorId: 'user-rep-a' });
    expect(result.sharesRevoked).toBe(1);
    expect((await open(made.path)).status).toBe(410);
    expect((await entries('share.revoke', made.id))[0]!.details).toMatchObject({ reason: 'leaver' });
  });
});
