import { DEMO_PASSWORD } from '@veil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, startHarness } from '../api/apiHarness.js';
import { raw } from './redteamKit.js';

/**
 * Regression: concurrent sign-ins on one login name all read the same failure count, so twelve
 * guesses sent at once (in parallel requests or one tRPC batch) were counted as three and never
 * locked the account: the throttle and the lock did not bound guessing. Attempts on one name now
 * run one at a time, and the API refuses batches (the web client never sends them).
 */

const JSON_CSRF = { 'content-type': 'application/json', 'x-veil-csrf': '1' };
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 2 } });
});
afterAll(async () => {
  await h?.close();
});

describe('guessing passwords concurrently', () => {
  it('locks the name after the threshold however many guesses arrive at once', async () => {
    const guesses = Array.from({ length: 12 }, (_, i) =>
      failure(h.client().auth.login.mutate({ username: 'rep-b', password: `wrong-guess-${i}` })),
    );
    const results = await Promise.all(guesses);
    expect(results.filter((r) => r.veilCode === 'locked').length).toBeGreaterThan(0);
    const right = await failure(h.client().auth.login.mutate({ username: 'rep-b', password: DEMO_PASSWORD }));
    expect(right.veilCode).toBe('locked');
    expect((await h.server.store.listAudit({ action: 'auth.locked' })).entries.length).toBeGreaterThan(0);
  });

  it('refuses a batch of calls, so one request runs one procedure', async () => {
    const body: Record<string, unknown> = {};
    for (let i = 0; i < 6; i++) body[i] = { username: 'rep-c', password: `wrong-guess-${i}` };
    const paths = Array.from({ length: 6 }, () => 'auth.login').join(',');
    const response = await raw(h, `/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: JSON_CSRF,
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(await h.server.store.listDocs('loginAttempts')).toHaveLength(1); // rep-b's only
    // rep-c can still sign in: the batch counted nothing against it.
    await expect(h.as('rep-c')).resolves.toBeDefined();
  });
});
