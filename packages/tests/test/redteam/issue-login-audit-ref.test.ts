import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, startHarness } from '../api/apiHarness.js';

/**
 * Regression: a failed sign-in for an unknown login name wrote an unkeyed SHA-256 of the name
 * into the audit log (and as the login-attempt key), so anyone holding the log could confirm a
 * guessed name offline. The target is now the name's audit reference (an HMAC with the audit
 * reference key), like every other reference: different on two workspaces, never the plain hash.
 */

const NAME = 'someone-not-here';
let first: Harness;
let second: Harness;
beforeAll(async () => {
  [first, second] = await Promise.all([
    startHarness({ seed: { customers: 1 } }),
    startHarness({ seed: { customers: 1 } }),
  ]);
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

async function failedTarget(h: Harness): Promise<string> {
  const result = await failure(h.client().auth.login.mutate({ username: NAME, password: 'wrong-password' }));
  expect(result.veilCode).toBe('unauthenticated');
  const { entries } = await h.server.store.listAudit({ action: 'auth.login-failed' });
  expect(entries).toHaveLength(1);
  return entries[0]!.target;
}

describe('a failed sign-in for an unknown name', () => {
  it('is audited under a keyed reference, never the name or its unkeyed hash', async () => {
    const [a, b] = await Promise.all([failedTarget(first), failedTarget(second)]);
    const unkeyed = createHash('sha256').update(NAME).digest('hex');
    for (const target of [a, b]) {
      expect(target).not.toContain(NAME);
      expect(target).not.toContain(unkeyed.slice(0, 16));
    }
    // Keyed: the same name gives different references under different audit reference keys.
    expect(a).not.toBe(b);
    // The attempt counter is keyed the same way and holds no name either.
    const attempts = await first.server.store.listDocs('loginAttempts');
    expect(JSON.stringify(attempts)).not.toContain(NAME);
    expect(attempts.map((doc) => doc.id)).toEqual([a]);
  });
});
