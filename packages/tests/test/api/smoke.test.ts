import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, startHarness } from './apiHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('smoke', () => {
  it('logs in and lists records', async () => {
    const repA = await h.as('rep-a');
    const me = await repA.auth.me.query();
    expect(me.login).toBe('rep-a');
    const list = await repA.records.list.query({ templateId: 'b2b-follow-up' });
    expect(list.rows.length).toBeGreaterThan(0);
    const anon = h.client();
    expect((await failure(anon.auth.me.query())).code).toBe('UNAUTHORIZED');
  });
});
