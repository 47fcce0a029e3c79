import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, type Harness, startHarness } from '../api/apiHarness.js';
import { raw } from './redteamKit.js';

/**
 * Regression: tRPC queries were GETs, so search text, blind-index values and cursors travelled in
 * the URL, where proxies and access logs keep them. The server now takes queries as POST (method
 * override) and the web client sends them that way.
 */

let h: Harness;
let cookie: string;
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 3 } });
  cookie = cookieOf(await h.as('rep-a'));
});
afterAll(async () => {
  await h?.close();
});

describe('queries sent as POST', () => {
  it('answers a list query whose search text is in the body, not the URL', async () => {
    const response = await raw(h, '/trpc/records.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-veil-csrf': '1', cookie },
      body: JSON.stringify({ templateId: 'b2b-follow-up', limit: 5 }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).result.data.rows.length).toBeGreaterThan(0);
  });

  it('the web client asks for POST queries', async () => {
    const { readFile } = await import('node:fs/promises');
    const client = await readFile(new URL('../../../web/src/api/trpc.ts', import.meta.url), 'utf8');
    expect(client).toMatch(/methodOverride:\s*'POST'/);
  });
});
