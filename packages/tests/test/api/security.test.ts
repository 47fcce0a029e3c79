import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, failure, type Harness, makeClient, startHarness } from './apiHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 8 } });
});
afterAll(async () => {
  await h?.close();
});

async function raw(path: string, init: RequestInit = {}) {
  return fetch(`${h.server.url}${path}`, init);
}

describe('HTTP hardening', () => {
  it('sends the security headers on API and static responses', async () => {
    for (const path of ['/trpc/auth.me', '/', '/some/spa/route']) {
      const response = await raw(path, { headers: { 'x-veil-csrf': '1' } });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' 'unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect(scriptSrc).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toBeNull();
      if (path.startsWith('/trpc')) expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('refuses a request without the CSRF header, before anything runs', async () => {
    const forged = makeClient(h.server.url, { csrf: false });
    const error = await failure(forged.auth.login.mutate({ username: 'admin', password: 'veil-demo-2026' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.veilCode).toBe('csrf');
    expect(cookieOf(forged)).toBe('');
    // A signed-in browser tricked by a cross-site form: the cookie rides along, the header does not.
    const admin = await h.as('admin');
    const response = await raw('/trpc/users.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookieOf(admin) },
      body: JSON.stringify({
        login: 'forged',
        name: 'F',
        password: 'forged-password-1',
        roles: ['admin'],
        departmentId: null,
      }),
    });
    expect(response.status).toBe(403);
    expect((await h.server.store.listDocs('users', { login: 'forged' })).length).toBe(0);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/', async () => {
    const response = await raw('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-veil-csrf': '1' },
      body: JSON.stringify({ username: 'rep-a', password: 'veil-demo-2026' }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^veil_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
  });

  it('refuses a body over the limit with a clear error', async () => {
    const admin = await h.as('admin');
    const big = 'x'.repeat(1024 * 1024 + 10);
    const error = await failure(
      admin.records.create.mutate({
        templateId: 'b2b-follow-up',
        changes: [{ pointer: '/company', value: big }],
      }),
    );
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('1024 KB');
    // Template procedures get 2 MB.
    const template = { id: 'big-one', padding: 'y'.repeat(1.5 * 1024 * 1024) };
    const saved = await admin.templates.saveDraft.mutate({ template });
    expect(saved.id).toBe('big-one');
  });

  it('refuses unknown keys and __proto__ / constructor keys anywhere', async () => {
    const rep = await h.as('rep-a');
    const unknown = await failure(
      // @ts-expect-error an unknown key on purpose
      rep.records.get.query({ templateId: 'b2b-follow-up', id: 'demo-001', extra: 1 }),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
    const response = await raw('/trpc/records.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-veil-csrf': '1', cookie: cookieOf(rep) },
      body: '{"templateId":"b2b-follow-up","changes":[{"pointer":"/company","value":{"__proto__":{"admin":true}}}]}',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('unsafe-key');
    const ctor = await failure(
      rep.records.create.mutate({
        templateId: 'b2b-follow-up',
        changes: [{ pointer: '/company', value: { constructor: 1 } }],
      }),
    );
    expect(ctor.veilCode).toBe('unsafe-key');
  });

  it('never echoes an internal error message', async () => {
    const rep = await h.as('rep-a');
    const error = await failure(rep.records.get.query({ templateId: 'no-such-template', id: 'x' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(h.logs.every((line) => !line.includes('password'))).toBe(true);
  });
});

describe('sessions and lockout', () => {
  it('locks an account after 5 failures, even for the right password, and audits it', async () => {
    const client = h.client();
    for (let i = 0; i < 4; i++) {
      expect(
        (await failure(client.auth.login.mutate({ username: 'rep-b', password: `wrong-${i}` }))).code,
      ).toBe('UNAUTHORIZED');
    }
    expect(
      (await failure(client.auth.login.mutate({ username: 'rep-b', password: 'wrong-5' }))).veilCode,
    ).toBe('locked');
    const locked = await failure(client.auth.login.mutate({ username: 'rep-b', password: 'veil-demo-2026' }));
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    const entries = await h.server.store.listAudit({ action: 'auth.locked' });
    expect(entries.entries.some((e) => e.target === 'user-rep-b')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('wrong-');
  });

  it('logout kills the session; revokeAllSessions kills every other one', async () => {
    const one = await h.as('rep-c');
    const two = await h.as('rep-c');
    await one.auth.logout.mutate();
    expect((await failure(one.auth.me.query())).code).toBe('UNAUTHORIZED');
    const sessions = await two.auth.sessions.query();
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const three = await h.as('rep-c');
    await three.auth.revokeAllSessions.mutate({});
    expect((await failure(two.auth.me.query())).code).toBe('UNAUTHORIZED');
    const four = await h.as('rep-c');
    const mine = await four.auth.sessions.query();
    await four.auth.revokeSession.mutate({ sessionId: mine[0]!.id });
    expect((await failure(four.auth.me.query())).code).toBe('UNAUTHORIZED');
  });

  it('an idle session dies', async () => {
    let now = Date.now();
    const local = await startHarness({
      seed: { customers: 0 },
      now: () => new Date(now),
      config: { loginDelayMs: () => 0, sessionIdleMs: 60_000 },
    });
    try {
      const rep = await local.as('rep-a');
      expect((await rep.auth.me.query()).login).toBe('rep-a');
      now += 61_000;
      expect((await failure(rep.auth.me.query())).code).toBe('UNAUTHORIZED');
    } finally {
      await local.close();
    }
  });
});
