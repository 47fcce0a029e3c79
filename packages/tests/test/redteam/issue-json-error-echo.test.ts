import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, type Harness, startHarness } from '../api/apiHarness.js';
import { raw } from './redteamKit.js';

/**
 * Regression: malformed JSON input was answered with V8's parse message, which quotes the text
 * around the fault (`Unexpected token 'x', "x13900001234" is not valid JSON`), so a value typed
 * into a form came back in an error (and would reach any error reporter). The message is now fixed.
 */

const PHONE = '13900001234';
let h: Harness;
let cookie: string;
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 2 } });
  cookie = cookieOf(await h.as('rep-a'));
});
afterAll(async () => {
  await h?.close();
});

describe('malformed JSON', () => {
  const bodies = [`x${PHONE}`, `{"username":"${PHONE}"x}`, `"${PHONE}`, `${PHONE}x`];
  for (const body of bodies) {
    it(`answers ${JSON.stringify(body.replace(PHONE, '…'))} in a POST body without quoting it`, async () => {
      const response = await raw(h, '/trpc/auth.login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-veil-csrf': '1' },
        body,
      });
      expect(response.status).toBe(400);
      expect(response.body).not.toContain(PHONE);
      expect(JSON.parse(response.body).error.data.veilCode).toBe('invalid-input');
    });
  }

  it('answers a malformed GET input without quoting it', async () => {
    const input = encodeURIComponent(`{"templateId":"b2b-follow-up","id":x${PHONE}}`);
    const response = await raw(h, `/trpc/records.get?input=${input}`, {
      headers: { 'x-veil-csrf': '1', cookie },
    });
    expect(response.status).toBe(400);
    expect(response.body).not.toContain(PHONE);
    expect(h.logs.join('\n')).not.toContain(PHONE);
  });
});
