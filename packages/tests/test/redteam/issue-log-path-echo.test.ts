import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../api/apiHarness.js';
import { raw } from './redteamKit.js';

/**
 * Regression: a request refused at the HTTP edge (no CSRF header, body too large) was logged with
 * the raw URL path as its "procedure", so whatever a client put there (a phone number in a
 * hand-built link) reached the application log verbatim; a malformed `%` escape crashed into a 500.
 * Only well-formed procedure names are logged now; anything else is `?`.
 */

const PHONE = '13900002222';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 0 } });
});
afterAll(async () => {
  await h?.close();
});

describe('the API path in log lines', () => {
  it('never carries a value typed into the URL', async () => {
    for (const path of [`/trpc/${PHONE}`, `/trpc/records.get,${PHONE}`, `/trpc/a%20${PHONE}`]) {
      const response = await raw(h, path);
      expect(response.status).toBe(403);
    }
    expect(h.logs.join('\n')).not.toContain(PHONE);
    expect(h.logs.some((line) => line.includes('"procedure":"records.get,?"'))).toBe(true);
  });

  it('answers a malformed escape as a refusal, not a crash', async () => {
    const response = await raw(h, '/trpc/%E0%A4%A');
    expect(response.status).toBe(403);
    expect(h.logs.join('\n')).not.toContain('"errorCode":"internal"');
  });
});
