import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startWorld, type World } from './harness.js';
import { COMBOS, type Combo, checkScreen, watch } from './journeyChecks.js';

// Issue 13, the rep's day in real Chromium, in each language on a desktop and on a phone: log in,
// the due list, a new customer with a phone number in the notes, an edit, finding it by name, by
// phone and by contact, and a colleague's customer. Every step fails on a console error, a failed
// request, an error banner, sideways scrolling or a string of the other language.

const B2B = 'b2b-follow-up';
const worlds: Partial<Record<Combo['lang'], World>> = {};

beforeAll(async () => {
  worlds['zh-CN'] = await startWorld({ customers: 14, locale: 'zh-CN' });
  worlds.en = await startWorld({ customers: 14, locale: 'en' });
});
afterAll(async () => {
  await Promise.all(Object.values(worlds).map((w) => w?.close()));
});

const words = {
  'zh-CN': {
    company: (n: number) => `旅程客户 ${n} 有限公司`,
    contact: (n: number) => `测试联系人${'甲乙丙丁'[n]}`,
  },
  en: {
    company: (n: number) => `Journey Customer ${n} Ltd`,
    contact: (n: number) => `Tess Contact${'ABCD'[n]}`,
  },
};

async function search(page: Page, text: string): Promise<void> {
  await page.fill('input[name=find]', text);
  await page.click('form.querybar button[type=submit]');
  await page.waitForFunction(`!document.querySelector('.customers [aria-live]')?.textContent?.includes('…')`);
}

describe('issue: a rep’s day', () => {
  COMBOS.forEach((combo, n) => {
    it(`in ${combo.lang} on a ${combo.size}`, async () => {
      const world = worlds[combo.lang]!;
      const url = world.server.url;
      const { page, context } = await signIn(world, 'rep-a', {
        viewport: combo.viewport,
        locale: combo.lang === 'en' ? 'en-US' : 'zh-CN',
      });
      page.setDefaultTimeout(15_000);
      const problems = watch(page);
      await page.locator('.customers .tr, .customers [aria-live]').first().waitFor();
      await checkScreen(page, combo, 'rep-1-list', problems);

      await page.goto(`${url}/#/due`);
      await page.locator('.due-group, [data-testid=not-for-role], .customers p.muted').first().waitFor();
      await checkScreen(page, combo, 'rep-2-due', problems);

      // A new customer; the phone number typed into the notes is warned about as it is typed.
      const company = words[combo.lang].company(n);
      const contact = words[combo.lang].contact(n);
      const mobile = `1381234${String(9870 + n)}`;
      await page.goto(`${url}/#/records/${B2B}/new`);
      await page.fill('#root_company', company);
      await page.selectOption('#root_stage', { index: 1 });
      await page.click('#root_contacts__add, fieldset#root_contacts button.btn-add');
      await page.fill('#root_contacts_0_name', contact);
      await page.fill('#root_contacts_0_mobile', mobile);
      await page.click('#root_followUps__add, fieldset#root_followUps button.btn-add');
      await page.fill('#root_followUps_0_at', '2026-11-20');
      await page.selectOption('#root_followUps_0_channel', { index: 1 });
      await page.type(
        '#root_followUps_0_notes',
        combo.lang === 'en' ? 'Call back on 13912345670 ' : '请回电 13912345670 ',
      );
      await page.locator('[data-testid=pii-warning]').waitFor();
      await checkScreen(page, combo, 'rep-3-new-with-warning', problems);
      await page.locator('[data-testid=pii-warning] button').first().click();
      await page.click('.form-actions button[type=submit]');
      await page.waitForURL(/#\/records\/b2b-follow-up\/(?!new)[^/]+$/);
      const id = decodeURIComponent(page.url().split('/').pop() ?? '');
      expect(JSON.stringify((await world.server.store.getRecord(B2B, id))?.data)).not.toContain(
        '13912345670',
      );

      // An edit: the stage moves on; the notice says what was saved.
      await page.locator('#root_stage').waitFor();
      await page.selectOption('#root_stage', { index: 2 });
      await page.click('.form-actions button[type=submit]');
      await page.locator('p.notice').waitFor();
      await checkScreen(page, combo, 'rep-4-edited', problems);
      expect((await world.server.store.getRecord(B2B, id))?.version).toBe(2);

      // Found by name, by phone and by contact; the bar says what the box covers.
      await page.goto(`${url}/#/customers`);
      await page.locator('[data-testid=search-coverage]').waitFor();
      for (const text of [company, mobile, contact, mobile.slice(5)]) {
        await search(page, text);
        await page.locator(`[data-record-id="${id}"]`).waitFor();
      }
      await checkScreen(page, combo, 'rep-5-found', problems);

      // A colleague's customer: readable, the contact's phone masked, nothing to save.
      const theirs = await world.server.store.queryRecords(B2B, {
        scope: { kind: 'owners', ownerIds: ['user-rep-b'] },
        limit: 1,
      });
      await page.goto(`${url}/#/records/${B2B}/${encodeURIComponent(theirs.records[0]!.id)}`);
      await page.locator('[data-masked-pointer]').first().waitFor();
      await checkScreen(page, combo, 'rep-6-colleague', problems);
      await context.close();
    });
  });
});
