import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, seenBy, startHarness } from '../api/apiHarness.js';
import { B2B, leaked, NOTES_TEMPLATE, publish, storedRecord } from './redteamKit.js';

/**
 * Regression: a colleague who reads a free-text note "in full" but sees the phone number in it
 * masked (081) could still filter, search, sort and group on the raw text: `search` and
 * `contains` confirmed a guessed number through `total`, `groupBy` returned the raw note as a
 * group value, and a sort put it into the next-page cursor (base64 JSON). Such a field is now
 * refused in every query clause for a viewer who would see it masked on some admitted row.
 */

const T = NOTES_TEMPLATE.id;
const PHONE = '13912345678';
const NOTE = `客户说可以打 ${PHONE} 联系`;
let h: Harness;
let repA: ApiClient;
let repB: ApiClient;
let manager: ApiClient;
let noteId: string;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 8 } });
  const admin = await h.as('admin');
  await publish(admin, NOTES_TEMPLATE);
  repA = await h.as('rep-a');
  repB = await h.as('rep-b');
  manager = await h.as('manager');
  const created = await repA.records.create.mutate({
    templateId: T,
    changes: [
      { pointer: '/title', value: 'with a number' },
      { pointer: '/notes', value: NOTE },
    ],
  });
  noteId = created.record!.id;
  await repA.records.create.mutate({
    templateId: T,
    changes: [{ pointer: '/notes', value: 'nothing personal here' }],
  });
});
afterAll(async () => {
  await h?.close();
});

describe('free text read by a colleague', () => {
  it('shows the note with the number masked in get, list and history; the owner and the store keep it whole', async () => {
    const got = await repB.records.get.query({ templateId: T, id: noteId });
    expect(got.data.notes).toMatch(/^客户说可以打 .+ 联系$/);
    expect(got.data.notes).not.toContain(PHONE);
    const listed = await repB.records.list.query({ templateId: T });
    expect(listed.rows.find((r) => r.id === noteId)?.data.notes).toBe(got.data.notes);
    await repA.records.update.mutate({
      templateId: T,
      id: noteId,
      version: got.version,
      changes: [{ pointer: '/title', value: 'renamed' }],
    });
    const history = await repB.records.history.query({ templateId: T, id: noteId });
    expect(history.versions.length).toBeGreaterThan(0);
    expect(leaked(JSON.stringify(history), [PHONE])).toEqual([]);
    expect(leaked(seenBy(repB).join('\n'), [PHONE])).toEqual([]);
    // Masking a colleague's copy never rewrites the stored text or the owner's view.
    expect((await repA.records.get.query({ templateId: T, id: noteId })).data.notes).toBe(NOTE);
    expect((await storedRecord(h, T, noteId)).data.notes).toBe(NOTE);
  });
});

describe('free text as a query oracle', () => {
  const attacks = {
    search: { search: { text: PHONE, fields: ['/notes'] } },
    contains: { filters: [{ field: '/notes', op: 'contains' as const, value: PHONE }] },
    eq: { filters: [{ field: '/notes', op: 'eq' as const, value: NOTE }] },
    in: { filters: [{ field: '/notes', op: 'in' as const, value: [NOTE, 'x'] }] },
    exists: { filters: [{ field: '/notes', op: 'exists' as const, value: true }] },
    groupBy: { groupBy: ['/notes'] },
    sort: { sort: [{ field: '/notes', dir: 'asc' as const }], limit: 1 },
  };
  for (const [name, query] of Object.entries(attacks)) {
    it(`refuses ${name} on a note whose PII the viewer sees masked, with no count`, async () => {
      const error = await failure(repB.records.list.query({ templateId: T, ...query }));
      expect(error.veilCode).toBe('query-refused');
      expect(error.issues).toEqual([
        expect.objectContaining({ path: '/notes', code: 'not-readable-in-full' }),
      ]);
      expect(leaked(JSON.stringify(error), [PHONE, NOTE])).toEqual([]);
    });
  }

  it('refuses the owner too when the scope also admits colleagues’ notes (the rule is per admitted relation)', async () => {
    const error = await failure(
      repA.records.list.query({ templateId: T, search: { text: PHONE, fields: ['/notes'] } }),
    );
    expect(error.veilCode).toBe('query-refused');
  });

  it('still answers a viewer who may write the notes on every row it sees (the b2b manager)', async () => {
    const page = await manager.records.list.query({
      templateId: B2B,
      search: { text: '1390000', fields: ['/followUps/*/notes'] },
    });
    expect(page.total).toBeGreaterThan(0);
  });
});
