import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@veil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, failure, type Harness, startHarness } from '../api/apiHarness.js';
import { allAudit, B2B, raw } from './redteamKit.js';

/** Sessions, sign-in answers, CSRF on reads, and the HTTP edge (limits, keys, static files, headers). */

const JSON_CSRF = { 'content-type': 'application/json', 'x-veil-csrf': '1' };
const SECRET_FILE = 'TOP-SECRET-OUTSIDE-WEBROOT';
let h: Harness;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'veil-rt-web-'));
  const webRoot = join(base, 'web');
  await mkdir(join(webRoot, 'assets'), { recursive: true });
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Veil</title>');
  await writeFile(join(base, 'secret.txt'), SECRET_FILE);
  await writeFile(join(base, 'web-secret.txt'), SECRET_FILE);
  h = await startHarness({ seed: { customers: 4 }, webRoot });
});
afterAll(async () => {
  await h?.close();
  await rm(base, { recursive: true, force: true });
});

async function login(username: string, password: string, cookie?: string) {
  return raw(h, '/trpc/auth.login', {
    method: 'POST',
    headers: { ...JSON_CSRF, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ username, password }),
  });
}

async function me(cookie: string): Promise<number> {
  return (await raw(h, '/trpc/auth.me', { headers: { 'x-veil-csrf': '1', cookie } })).status;
}

function tokenOf(setCookie: string | null): string {
  return /veil_session=([^;]*)/.exec(setCookie ?? '')?.[1] ?? '';
}

describe('sessions', () => {
  it('a planted cookie is never adopted: login issues a fresh token, and the planted one stays dead', async () => {
    const planted = `veil_session=${randomBytes(32).toString('base64url')}`;
    const response = await login('rep-a', DEMO_PASSWORD, planted);
    expect(response.status).toBe(200);
    const token = tokenOf(response.headers.get('set-cookie'));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(`veil_session=${token}`).not.toBe(planted);
    expect(await me(planted)).toBe(401);
    expect(await me(`veil_session=${token}`)).toBe(200);
    // Signing in again from a signed-in browser issues a new token too.
    const again = tokenOf(
      (await login('rep-a', DEMO_PASSWORD, `veil_session=${token}`)).headers.get('set-cookie'),
    );
    expect(again).not.toBe(token);
  });

  it('the cookie is HttpOnly, SameSite=Strict and expires; logout clears it and the old token is dead', async () => {
    const response = await login('rep-b', DEMO_PASSWORD);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Max-Age=\d+/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = `veil_session=${tokenOf(setCookie)}`;
    const out = await raw(h, '/trpc/auth.logout', {
      method: 'POST',
      headers: { ...JSON_CSRF, cookie },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^veil_session=;.*Max-Age=0/);
    expect(await me(cookie)).toBe(401);
  });

  it('a deactivated user’s live session dies at once, for reads too', async () => {
    const leaver = await h.as('rep-c');
    const cookie = cookieOf(leaver);
    expect(await me(cookie)).toBe(200);
    const admin = await h.as('admin');
    await admin.users.deactivate.mutate({ userId: 'user-rep-c', successorId: 'user-rep-b' });
    expect(await me(cookie)).toBe(401);
    expect((await failure(leaver.records.list.query({ templateId: B2B }))).code).toBe('UNAUTHORIZED');
  });

  it('a read without the CSRF header is refused before it runs (no audit entry, no data)', async () => {
    const rep = await h.as('rep-a');
    const before = (await allAudit(h)).length;
    const input = encodeURIComponent(JSON.stringify({ templateId: B2B }));
    for (const headers of [{ cookie: cookieOf(rep) }, { cookie: cookieOf(rep), 'x-veil-csrf': '0' }]) {
      const response = await raw(h, `/trpc/records.list?input=${input}`, { headers });
      expect(response.status).toBe(403);
      expect(response.body).not.toContain('demo-0');
    }
    expect((await allAudit(h)).length).toBe(before);
  });
});

describe('sign-in answers do not tell who exists', () => {
  it('unknown name, wrong password and deactivated account answer alike, with no cookie', async () => {
    const answers = await Promise.all([
      login('nobody-at-all', 'some-password-1'),
      login('admin', 'some-password-1'),
      login('rep-c', DEMO_PASSWORD), // deactivated above
    ]);
    const shapes = answers.map((a) => {
      const body = JSON.parse(a.body) as { error: { message: string; data: Record<string, unknown> } };
      return {
        status: a.status,
        message: body.error.message,
        veilCode: body.error.data.veilCode,
        cookie: a.headers.get('set-cookie'),
      };
    });
    expect(shapes[0]).toEqual({
      status: 401,
      message: shapes[0]!.message,
      veilCode: 'unauthenticated',
      cookie: null,
    });
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
  });

  it('an unknown name locks like a real one', async () => {
    let last = '';
    for (let i = 0; i < 6; i++)
      last = JSON.parse((await login('ghost-user', `wrong-${i}`)).body).error.data.veilCode;
    expect(last).toBe('locked');
  });
});

describe('the HTTP edge', () => {
  it('refuses a body over 1 MB on a record write and stores nothing', async () => {
    const rep = await h.as('rep-a');
    const record = (await h.server.store.getRecord(B2B, 'demo-003'))!;
    const response = await raw(h, '/trpc/records.update', {
      method: 'POST',
      headers: { ...JSON_CSRF, cookie: cookieOf(rep) },
      body: JSON.stringify({
        templateId: B2B,
        id: record.id,
        version: record.version,
        changes: [{ pointer: '/company', value: 'x'.repeat(1_100_000) }],
      }),
    });
    expect(response.status).toBe(413);
    expect((await h.server.store.getRecord(B2B, 'demo-003'))!.version).toBe(record.version);
  });

  it('refuses `__proto__` keys and unknown keys in a body and in a GET input', async () => {
    const rep = await h.as('rep-a');
    const cookie = cookieOf(rep);
    const proto = await raw(h, '/trpc/records.create', {
      method: 'POST',
      headers: { ...JSON_CSRF, cookie },
      body: `{"templateId":"${B2B}","changes":[],"__proto__":{"isAdmin":true}}`,
    });
    expect(JSON.parse(proto.body).error.data.veilCode).toBe('unsafe-key');
    const getProto = await raw(
      h,
      `/trpc/records.list?input=${encodeURIComponent(`{"templateId":"${B2B}","constructor":{"prototype":{}}}`)}`,
      {
        headers: { 'x-veil-csrf': '1', cookie },
      },
    );
    expect(JSON.parse(getProto.body).error.data.veilCode).toBe('unsafe-key');
    const unknown = await failure(
      rep.records.list.query({ templateId: B2B, scope: 'all' } as unknown as { templateId: string }),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
  });

  it('a huge URL-encoded input is refused and the server keeps answering', async () => {
    const input = encodeURIComponent(
      JSON.stringify({ templateId: B2B, search: { text: 'x'.repeat(40_000), fields: ['/company'] } }),
    );
    const response = await raw(h, `/trpc/records.list?input=${input}`, { headers: { 'x-veil-csrf': '1' } });
    expect([400, 414, 431]).toContain(response.status);
    expect((await raw(h, '/trpc/auth.me', { headers: { 'x-veil-csrf': '1' } })).status).toBe(401);
  });

  it('static paths never leave the web root', async () => {
    const paths = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/..;/secret.txt',
      '/../web-secret.txt',
      '/%2e%2e/web-secret.txt',
      '/index.html%00/../../secret.txt',
    ];
    for (const path of paths) {
      const response = await raw(h, path);
      expect(response.body, path).not.toContain(SECRET_FILE);
      expect([200, 404], path).toContain(response.status);
    }
    // Sent as-is on the wire (fetch normalises dot segments).
    const { request } = await import('node:http');
    const url = new URL(h.server.url);
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/../web-secret.txt']) {
      const body = await new Promise<string>((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      expect(body, path).not.toContain(SECRET_FILE);
    }
  });

  it('every answer carries the security headers; API answers are never cached', async () => {
    const answers = [
      await raw(h, '/trpc/auth.me', { headers: { 'x-veil-csrf': '1' } }),
      await raw(h, '/trpc/auth.me'),
      await raw(h, '/trpc/records.list?input=%7B', { headers: { 'x-veil-csrf': '1' } }),
      await raw(h, '/nope.js'),
      await raw(h, '/'),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
    for (const answer of answers.slice(0, 3)) expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});
