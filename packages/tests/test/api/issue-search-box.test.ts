import type { VeilRecord } from '@veil/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './apiHarness.js';

/**
 * Issue 13: the search box. A rep finds her own customer by any field she reads in full (a part
 * of it, any case), a colleague's only by what she reads of it in full; a whole phone number or
 * e-mail typed in full is matched through the blind index where the field has `search: exact`,
 * on rows where the viewer reads that field in full. The box never sends a query the viewer may
 * not run (`planSearch` decides), and a refused filter is named by title in her language.
 */

const T = 'b2b-follow-up';
let h: Harness;
let all: VeilRecord[];
beforeAll(async () => {
  h = await startHarness({ seed: { customers: 42 } });
  all = (await h.server.store.queryRecords(T, { scope: { kind: 'all' }, limit: 1000 })).records;
});
afterAll(async () => {
  await h?.close();
});

type Contact = { name: string; mobile: string; email: string };
const contactsOf = (r: VeilRecord) => r.data.contacts as Contact[];
const ownedBy = (user: string) => all.filter((r) => r.data.ownerId === user);
const find = (client: ApiClient, text: string, extra: Record<string, unknown> = {}) =>
  client.records.list.query({ templateId: T, find: text, limit: 200, ...extra });
const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id);

describe('issue: the search box', () => {
  it('a rep finds her own customer by a part of the contact name, phone or e-mail, in any case', async () => {
    const rep = await h.as('rep-a');
    const own = ownedBy('user-rep-a')[0]!;
    const contact = contactsOf(own)[0]!;
    for (const text of [
      contact.name.slice(0, 2),
      contact.mobile.slice(4),
      contact.email.slice(0, 8).toUpperCase(),
      String(own.data.company).slice(-6),
    ]) {
      const page = await find(rep, text);
      expect(ids(page), text).toContain(own.id);
      expect(page.total, text).toBe(page.rows.length);
    }
  });

  it("a colleague's customer is found by what the rep reads in full, never by a value she sees masked", async () => {
    const rep = await h.as('rep-a');
    const theirs = ownedBy('user-rep-b')[0]!;
    const contact = contactsOf(theirs)[0]!;
    expect(ids(await find(rep, String(theirs.data.company)))).toContain(theirs.id);
    // The rep sees the colleague's contact masked: neither a part nor the whole value finds it.
    for (const text of [contact.name, contact.mobile, contact.mobile.slice(4), contact.email]) {
      const page = await find(rep, text);
      expect(ids(page), text).not.toContain(theirs.id);
      expect(page.rows.every((r) => r.relation === 'owner' || !JSON.stringify(r.data).includes(text))).toBe(
        true,
      );
    }
    // Nothing outside her scope (another department) is ever found.
    const outside = ownedBy('user-rep-c')[0]!;
    expect(ids(await find(rep, String(outside.data.company)))).toEqual([]);
  });

  it('a manager finds a customer of the team by the whole phone number, however it is written', async () => {
    const manager = await h.as('manager');
    const theirs = ownedBy('user-rep-c')[0]!;
    const mobile = contactsOf(theirs)[0]!.mobile;
    const written = `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`;
    const page = await find(manager, written);
    expect(ids(page)).toContain(theirs.id);
    expect(page.total).toBe(page.rows.length);
    // The same number typed whole by a rep who sees it masked finds nothing.
    const rep = await h.as('rep-b');
    const hers = ownedBy('user-rep-a').find((r) => contactsOf(r).length > 0)!;
    expect(ids(await find(rep, contactsOf(hers)[0]!.mobile))).not.toContain(hers.id);
  });

  it('counts the union exactly and keeps the sort and the view filter on every part', async () => {
    const rep = await h.as('rep-a');
    // Every company carries "0": the rep's whole scope, in company order, the filter applied.
    const everything = await find(rep, '0', {
      sort: [{ field: '/company', dir: 'desc' }],
      filters: [{ field: '/stage', op: 'neq', value: 'won' }],
    });
    const inScope = all.filter(
      (r) => (r.data.ownerId === 'user-rep-a' || r.data.ownerId === 'user-rep-b') && r.data.stage !== 'won',
    );
    expect(everything.total).toBe(inScope.length);
    expect(new Set(ids(everything))).toEqual(new Set(inScope.map((r) => r.id)));
    const companies = everything.rows.map((r) => String(r.data.company));
    expect(companies).toEqual([...companies].sort().reverse());
  });

  it('says which fields the box covers, and a partner’s search runs without a refusal', async () => {
    const rep = await h.as('rep-a');
    const { search } = await rep.templates.columns.query({ templateId: T });
    const of = (path: string) => search.find((c) => c.field === path);
    expect(of('/company')).toMatchObject({ everywhere: true });
    expect(of('/contacts/*/name')).toMatchObject({ everywhere: false, substring: ['owner'] });
    expect(of('/contacts/*/mobile')).toMatchObject({ exact: true, exactRelations: ['owner'] });
    expect(of('/stage')).toBeUndefined();
    const partner = await h.as('partner');
    const page = await find(partner, '演示');
    expect(page.rows.every((r) => r.relation === 'owner')).toBe(true);
  });

  it('a refused filter is named by its title in the viewer’s language, never by a JSON pointer', async () => {
    const rep = await h.as('rep-a');
    const refused = await failure(
      find(rep, '演示', { filters: [{ field: '/contacts/*/name', op: 'contains', value: '王' }] }),
    );
    expect(refused.veilCode).toBe('query-refused');
    expect(refused.message).toMatch(/[\u4e00-\u9fff]/);
    expect(refused.message).not.toMatch(/\/contacts|not-readable|This query/);
    expect(refused.issues.map((i) => i.path)).toEqual(['/contacts/*/name']);
    // The search box cannot be combined with a raw field search.
    const mixed = await failure(find(rep, 'x', { search: { text: 'x', fields: ['/company'] } }));
    expect(mixed.veilCode).toBe('invalid-input');
  });

  it('audits a search like any list read', async () => {
    const rep = await h.as('rep-a');
    const own = ownedBy('user-rep-a')[0]!;
    await find(rep, contactsOf(own)[0]!.name);
    const entries: string[] = [];
    for await (const entry of h.server.store.exportAudit()) entries.push(JSON.stringify(entry));
    expect(entries.some((e) => e.includes('"record.list"') && e.includes('user-rep-a'))).toBe(true);
  });
});
