import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './apiHarness.js';

const T = 'b2b-follow-up';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 10 } });
});
afterAll(async () => {
  await h?.close();
});

describe('issue: views built from what the role may read', () => {
  it('offers the partner only views it may run, and every offered view runs', async () => {
    const partner = await h.as('partner');
    const rep = await h.as('rep-a');
    const forPartner = (await partner.templates.list.query()).published.find((t) => t.id === T)!;
    const forRep = (await rep.templates.list.query()).published.find((t) => t.id === T)!;
    // The template has views on the stage, which the partner may not read.
    expect(forRep.views.length).toBeGreaterThan(forPartner.views.length);
    expect(forRep.views.some((v) => v.filter?.some((f) => f.field === '/stage'))).toBe(true);
    expect(forPartner.views.some((v) => v.filter?.some((f) => f.field === '/stage'))).toBe(false);
    for (const view of forPartner.views)
      await partner.records.list.query({
        templateId: T,
        ...(view.filter ? { filters: view.filter } : {}),
        ...(view.sort ? { sort: view.sort } : {}),
      });
    // Without a view, the partner's list runs too (the app then shows default columns).
    const page = await partner.records.list.query({ templateId: T });
    expect(Array.isArray(page.rows)).toBe(true);
  });

  it('keeps every view for a rep who may run them', async () => {
    const rep = await h.as('rep-a');
    const tpl = (await rep.templates.list.query()).published.find((t) => t.id === T)!;
    for (const view of tpl.views)
      await rep.records.list.query({
        templateId: T,
        ...(view.filter ? { filters: view.filter } : {}),
        ...(view.sort ? { sort: view.sort } : {}),
      });
  });
});
