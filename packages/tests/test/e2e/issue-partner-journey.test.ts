import { DEMO_PASSWORD } from '@veil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClient } from '../api/apiHarness.js';
import { signIn, startWorld, type World } from './harness.js';
import { COMBOS, type Combo, checkScreen, watch } from './journeyChecks.js';

// Issue 13, the external partner's day in real Chromium, in each language on a desktop and on a
// phone: the home screen with their own records and nothing else, no "new" where the form would
// have nothing to fill in, the due list, and the staff screens: not in the navigation, and opened
// by URL they say "not available to your role" (never "chain broken"). Same checks on every step.

const B2B = 'b2b-follow-up';
const STAFF_ONLY = ['audit', 'users', 'policy', 'builder', 'requests'];
const worlds: Partial<Record<Combo['lang'], World>> = {};
let partnerId = '';

beforeAll(async () => {
  worlds['zh-CN'] = await startWorld({ customers: 14, locale: 'zh-CN' });
  worlds.en = await startWorld({ customers: 14, locale: 'en' });
  const login = await makeClient(worlds.en.server.url).auth.login.mutate({
    username: 'partner',
    password: DEMO_PASSWORD,
  });
  partnerId = login.userId;
});
afterAll(async () => {
  await Promise.all(Object.values(worlds).map((w) => w?.close()));
});

describe('issue: a partner’s day', () => {
  COMBOS.forEach((combo) => {
    it(`in ${combo.lang} on a ${combo.size}`, async () => {
      const world = worlds[combo.lang]!;
      const url = world.server.url;
      const { store } = world.server;
      const { page, context } = await signIn(world, 'partner', {
        viewport: combo.viewport,
        locale: combo.lang === 'en' ? 'en-US' : 'zh-CN',
      });
      page.setDefaultTimeout(15_000);
      const problems = watch(page);

      // Home: the partner's own records only, though the workspace holds many of others.
      await page.locator('.customers .tr, .customers [aria-live]').first().waitFor();
      await checkScreen(page, combo, 'partner-1-home', problems);
      const shown = await page
        .locator('.customers [data-record-id]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-id')));
      const all = await store.queryRecords(B2B, { scope: { kind: 'all' }, limit: 1000 });
      const own = all.records.filter((r) => r.data.ownerId === partnerId).map((r) => r.id);
      expect(all.total).toBeGreaterThan(own.length);
      expect(shown.filter((id) => !own.includes(id ?? ''))).toEqual([]);

      // "New" only where the form has something the partner may fill in.
      const offered = page.locator(`a[href="#/records/${B2B}/new"]`);
      if ((await offered.count()) > 0) {
        await offered.click();
        await page.locator('form input:not([disabled]):not([readonly])').first().waitFor();
        await checkScreen(page, combo, 'partner-2-new', problems);
      }

      // The navigation holds no staff screen.
      const nav = await page
        .locator('nav a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')?.replace('#/', '')));
      expect(nav.filter((id) => STAFF_ONLY.includes(id ?? '') || id === 'templates')).toEqual([]);

      await page.goto(`${url}/#/due`);
      await page.locator('.due-group, [data-testid=not-for-role], .customers p.muted').first().waitFor();
      await checkScreen(page, combo, 'partner-3-due', problems);

      // Typed in by URL, a staff screen says it is not for this role, and asks the server nothing.
      for (const screen of STAFF_ONLY) {
        await page.goto(`${url}/#/${screen}`);
        await page.locator('[data-testid=not-for-role]').waitFor();
        const text = await page.locator('main').textContent();
        expect(text, screen).not.toMatch(/链已损坏|chain broken/i);
        await checkScreen(page, combo, `partner-4-${screen}`, problems);
      }
      await context.close();
    });
  });
});
