import { DEMO_PASSWORD } from '@veil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startWorld, type World } from './harness.js';
import { COMBOS, type Combo, checkScreen, watch } from './journeyChecks.js';

// Issue 13, the admin's day in real Chromium, in each language on a desktop and on a phone: a
// user created, a rep deactivated with a successor who takes over their customers, a draft
// template opened in the builder with a field added (not published: the team-day test publishes),
// and the workspace policy. Same checks on every step as the rep's day.

const B2B = 'b2b-follow-up';
const worlds: Partial<Record<Combo['lang'], World>> = {};
const id = (testId: string) => `[data-testid="${testId}"]`;

beforeAll(async () => {
  worlds['zh-CN'] = await startWorld({ customers: 14, locale: 'zh-CN' });
  worlds.en = await startWorld({ customers: 14, locale: 'en' });
});
afterAll(async () => {
  await Promise.all(Object.values(worlds).map((w) => w?.close()));
});

const names = {
  'zh-CN': (n: number) => `新同事${'甲乙丙丁'[n]}`,
  en: (n: number) => `New Colleague ${'ABCD'[n]}`,
};

describe('issue: an admin’s day', () => {
  COMBOS.forEach((combo, n) => {
    it(`in ${combo.lang} on a ${combo.size}`, async () => {
      const world = worlds[combo.lang]!;
      const url = world.server.url;
      const { store } = world.server;
      const { page, context } = await signIn(world, 'admin', {
        viewport: combo.viewport,
        locale: combo.lang === 'en' ? 'en-US' : 'zh-CN',
      });
      page.setDefaultTimeout(15_000);
      const problems = watch(page);

      // A new user, a sales rep by default.
      await page.goto(`${url}/#/users`);
      await page.locator('[data-testid=user-list]').waitFor();
      await checkScreen(page, combo, 'admin-1-users', problems);
      const login = `journey-${n}`;
      const create = page.locator('form.create-user');
      await create.locator('input[name=name]').fill(names[combo.lang](n));
      await create.locator('input[name=login]').fill(login);
      await create.locator('select[name=department]').selectOption({ index: 1 });
      await create.locator('input[name=password]').fill(DEMO_PASSWORD);
      await create.locator('button[type=submit]').click();
      await page.locator(`li.user-card[data-login="${login}"]`).waitFor();
      await checkScreen(page, combo, 'admin-2-user-created', problems);
      const users = await store.listDocs('users');
      const newcomer = users.find((u) => u.login === login);
      expect(newcomer?.roles).toEqual(['rep']);

      // A rep leaves (rep B on the desktop, rep C on the phone); the newcomer takes over.
      const leaving = combo.size === 'desktop' ? 'rep-b' : 'rep-c';
      const leaver = users.find((u) => u.login === leaving)!;
      const owned = await store.queryRecords(B2B, { scope: { kind: 'owners', ownerIds: [leaver.id] } });
      expect(owned.total).toBeGreaterThan(0);
      const card = page.locator(`li.user-card[data-login="${leaving}"]`);
      await card.locator('button.danger-link').click();
      await card.locator('select[name=successor]').selectOption(newcomer!.id);
      await checkScreen(page, combo, 'admin-3-deactivate', problems);
      await card.locator('[data-testid=user-deactivate] button.danger').click();
      await page.locator(`li.user-card.inactive[data-login="${leaving}"]`).waitFor();
      await page.locator('[data-testid=users-notice]').waitFor();
      await checkScreen(page, combo, 'admin-4-deactivated', problems);
      const moved = await store.queryRecords(B2B, { scope: { kind: 'owners', ownerIds: [newcomer!.id] } });
      expect(moved.total).toBe(owned.total);

      // A draft template in the builder, with a long-text field added.
      await page.goto(`${url}/#/builder`);
      await page.click(id('builder-new'));
      await page.fill(id('template-id'), `journey-${n}`);
      await page.fill(id('template-title-zh'), `旅程模板${n}`);
      await page.fill(id('template-title-en'), `Journey template ${n}`);
      await page.click(id('field-add'));
      await page.fill(id('field-key'), `notes${n}`);
      await page.press(id('field-key'), 'Enter');
      await page.waitForSelector(id(`field-row-/notes${n}`));
      await page.fill(id('field-title-zh'), '纪要');
      await page.fill(id('field-title-en'), 'Notes');
      await page.selectOption(id('field-type'), 'longtext');
      await checkScreen(page, combo, 'admin-5-builder-field', problems);

      // The workspace policy.
      await page.goto(`${url}/#/policy`);
      await page.locator('section.policy table.grid').first().waitFor();
      await checkScreen(page, combo, 'admin-6-policy', problems);
      await context.close();
    });
  });
});
