import type { VeilRecord } from '@veil/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Harness, seenBy, startHarness } from '../api/apiHarness.js';
import { allAudit, B2B, leaked, NOTES_TEMPLATE, publish } from './redteamKit.js';

/**
 * A broad run as every role, failures included (refused queries, refused writes, invalid values,
 * bad reveals, the owner typing its own values into queries): no log line and no audit entry may
 * hold a canary, whoever typed it; reveal reasons are referenced by note id only.
 */

const PHONE = '13966667777';
const NAME = 'CANARY-NAME-ZETA';
const EMAIL = 'canary-zeta@example.com';
const NOTE_PHONE = '13944445555';
const SECRET = 'S-987654';
const REASON = `Customer asked, reference ${NAME}`;
const CANARIES = [PHONE, NAME, EMAIL, NOTE_PHONE, SECRET, '7777123'];
const LOGINS = ['admin', 'manager', 'rep-a', 'rep-b', 'rep-c', 'compliance', 'partner'] as const;
let h: Harness;
const clients = new Map<string, ApiClient>();
let notesId: string;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 8 } });
  const admin = await h.as('admin');
  await publish(admin, NOTES_TEMPLATE);
  for (const login of LOGINS) clients.set(login, await h.as(login));
  const now = new Date().toISOString();
  const record: VeilRecord = {
    id: 'canary-b2b',
    templateId: B2B,
    templateVersion: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
    data: {
      ownerId: 'user-rep-a',
      company: 'Canary Co',
      stage: 'lead',
      dealSize: 7777123,
      contacts: [{ _id: 'cz-1', name: NAME, mobile: PHONE, email: EMAIL }],
      followUps: [{ _id: 'fz-1', at: '2026-01-01', channel: 'phone', notes: `call ${NOTE_PHONE}` }],
    },
  };
  await h.server.store.createRecord({
    record,
    audit: { actor: 'system', action: 'record.create', target: record.id, details: {} },
  });
  const created = await clients.get('rep-a')!.records.create.mutate({
    templateId: NOTES_TEMPLATE.id,
    changes: [
      { pointer: '/secret', value: SECRET },
      { pointer: '/notes', value: `ring ${NOTE_PHONE}` },
    ],
  });
  notesId = created.record!.id;
});
afterAll(async () => {
  await h?.close();
});

async function attempt(call: () => Promise<unknown>): Promise<void> {
  await call().catch(() => undefined);
}

describe('logs and audit after a broad run', () => {
  it('hold no canary, whoever typed it', async () => {
    const runAs = async (login: (typeof LOGINS)[number]): Promise<void> => {
      const c = clients.get(login)!;
      await attempt(() => c.records.get.query({ templateId: B2B, id: 'canary-b2b' }));
      await attempt(() => c.records.history.query({ templateId: B2B, id: 'canary-b2b' }));
      await attempt(() => c.records.form.query({ templateId: B2B, id: 'canary-b2b' }));
      await attempt(() => c.records.list.query({ templateId: B2B, limit: 200 }));
      await attempt(() =>
        c.records.list.query({ templateId: B2B, match: [{ field: '/contacts/*/mobile', value: PHONE }] }),
      );
      await attempt(() =>
        c.records.list.query({ templateId: B2B, search: { text: NAME, fields: ['/contacts/*/name'] } }),
      );
      await attempt(() =>
        c.records.list.query({
          templateId: B2B,
          filters: [{ field: '/contacts/*/email', op: 'in', value: [EMAIL] }],
        }),
      );
      await attempt(() => c.records.list.query({ templateId: B2B, groupBy: ['/dealSize'] }));
      await attempt(() => c.records.dueToday.query({ templateId: B2B }));
      await attempt(() =>
        c.records.update.mutate({
          templateId: B2B,
          id: 'canary-b2b',
          version: 1,
          changes: [{ pointer: '/contacts/cz-1/mobile', value: `bad-${PHONE}` }],
        }),
      );
      await attempt(() =>
        c.records.update.mutate({
          templateId: B2B,
          id: 'canary-b2b',
          version: 1,
          changes: [{ pointer: '/ownerId', value: NAME }],
        }),
      );
      await attempt(() =>
        c.records.create.mutate({
          templateId: B2B,
          changes: [{ pointer: '/contacts/new:1/email', value: EMAIL }],
        }),
      );
      await attempt(() => c.records.get.query({ templateId: NOTES_TEMPLATE.id, id: notesId }));
      await attempt(() =>
        c.records.list.query({
          templateId: NOTES_TEMPLATE.id,
          search: { text: NOTE_PHONE, fields: ['/notes'] },
        }),
      );
      await attempt(() =>
        c.records.reveal.mutate({
          templateId: NOTES_TEMPLATE.id,
          id: notesId,
          pointer: '/secret',
          reason: REASON,
        }),
      );
      await attempt(() =>
        c.records.reveal.mutate({ templateId: B2B, id: 'canary-b2b', pointer: '/dealSize', reason: REASON }),
      );
      await attempt(() => c.auth.login.mutate({ username: NAME, password: PHONE }));
      await attempt(() => c.audit.list.query({ limit: 500 }));
      await attempt(() => c.audit.export.mutate({}));
    };
    await Promise.all(LOGINS.map(runAs));
    // The owner writes its own values: they reach the record, never the log or the audit trail.
    await clients.get('rep-a')!.records.update.mutate({
      templateId: B2B,
      id: 'canary-b2b',
      version: 1,
      changes: [{ pointer: '/contacts/new:2/name', value: `${NAME}-2` }],
    });

    expect(leaked(h.logs.join('\n'), [...CANARIES, REASON])).toEqual([]);
    const audit = await allAudit(h);
    expect(leaked(JSON.stringify(audit), [...CANARIES, REASON])).toEqual([]);
    // A reveal entry holds the reason's note id; the note holds the reason.
    const reveals = audit.filter((e) => e.action === 'record.reveal');
    expect(reveals).toHaveLength(1); // only rep-b may reveal (team + reveal level)
    expect(reveals[0]!.actor).toBe('user-rep-b');
    const reasonId = (reveals[0]!.details as { reveal?: { reasonId?: string } }).reveal?.reasonId;
    expect(await h.server.store.getNote(reasonId!)).toBe(REASON);
  });

  it('audit answers given to auditors hold no canary either', async () => {
    for (const login of ['admin', 'compliance']) {
      const text = seenBy(clients.get(login)!)
        .filter((body) => body.includes('"seq"'))
        .join('\n');
      expect(text.length).toBeGreaterThan(0);
      expect(leaked(text, [...CANARIES, REASON])).toEqual([]);
    }
  });

  it('no one but the owner and the manager ever received a contact canary', async () => {
    for (const login of ['admin', 'rep-b', 'rep-c', 'compliance', 'partner']) {
      expect(leaked(seenBy(clients.get(login)!).join('\n'), [PHONE, NAME, EMAIL, NOTE_PHONE]), login).toEqual(
        [],
      );
    }
    for (const login of ['rep-c', 'compliance', 'partner', 'admin']) {
      expect(leaked(seenBy(clients.get(login)!).join('\n'), [SECRET]), login).toEqual([]);
    }
  });
});
