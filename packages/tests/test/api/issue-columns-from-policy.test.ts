import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, startHarness } from './apiHarness.js';

/**
 * Regression (issue 10): the web guessed which columns could be filtered or sorted from the
 * forms it had loaded, so the table could offer a filter the server refuses (or hide one it
 * answers). `templates.columns` now gives the query guard's own answer per field; here every
 * column it offers is answered and every one it withholds is refused, for each kind of user.
 */

const T = 'b2b-follow-up';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 6 } });
});
afterAll(async () => {
  await h?.close();
});

describe('templates.columns', () => {
  it.each(['rep-a', 'manager', 'partner', 'admin'])('agrees with the query guard for %s', async (login) => {
    const client = await h.as(login);
    const { columns } = await client.templates.columns.query({ templateId: T });
    let offered = 0;
    for (const column of columns) {
      const call = client.records.list.query({
        templateId: T,
        filters: [{ field: column.path, op: 'exists' }],
        limit: 1,
      });
      if (column.queryable) {
        offered += 1;
        await expect(call).resolves.toMatchObject({ rows: expect.any(Array) });
      } else {
        expect((await failure(call)).veilCode).toBe('query-refused');
      }
    }
    // Someone may always filter on something they read in full, except a partner who reads little.
    if (login !== 'partner') expect(offered).toBeGreaterThan(0);
  });

  it('withholds from a rep the columns it reads masked on colleagues’ records, and a partner sees none', async () => {
    const rep = await h.as('rep-a');
    const { columns } = await rep.templates.columns.query({ templateId: T });
    expect(columns.some((c) => c.queryable)).toBe(true);
    expect(columns.some((c) => !c.queryable)).toBe(true);
    const partner = await h.as('partner');
    expect(
      (await partner.templates.columns.query({ templateId: T })).columns.filter((c) => c.queryable),
    ).toEqual([]);
  });
});
