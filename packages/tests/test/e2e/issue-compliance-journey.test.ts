import { DEMO_PASSWORD } from '@veil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClient } from '../api/apiHarness.js';
import { signIn, startWorld, type World } from './harness.js';
import { COMBOS, type Combo, checkScreen, watch } from './journeyChecks.js';

// Issue 16, compliance in real Chromium, in each language on a desktop and on a phone: a data
// subject found by a whole phone number, the access report (purposes, reads), the person erased
// (identity check and confirmation) and gone for the rep who owns the customer, then retention
// previewed and run. Same checks on every step as the rep's and the manager's day.

const B2B = 'b2b-follow-up';
const worlds: Partial<Record<Combo['lang'], World>> = {};
// A demo customer per size (none whose notes mention a phone): its first contact's mobile, its owner.
const SUBJECT = {
  desktop: { id: 'demo-003', mobile: '13900000030', owner: 'rep-a' },
  phone: { id: 'demo-004', mobile: '13900000040', owner: 'rep-b' },
} as const;

beforeAll(async () => {
  for (const lang of ['zh-CN', 'en'] as const)
    worlds[lang] = await startWorld({ customers: 8, locale: lang });
});
afterAll(async () => {
  await Promise.all(Object.values(worlds).map((w) => w?.close()));
});

describe('issue: a compliance officer’s requests', () => {
  COMBOS.forEach((combo) => {
    it(`in ${combo.lang} on a ${combo.size}`, async () => {
      const world = worlds[combo.lang]!;
      const subject = SUBJECT[combo.size];
      // The owner reads the customer first, so the report has a read to show.
      const rep = makeClient(world.server.url);
      await rep.auth.login.mutate({ username: subject.owner, password: DEMO_PASSWORD });
      const before = await rep.records.get.query({ templateId: B2B, id: subject.id });
      const contact = (before.data.contacts as { name: string; mobile: string }[])[0]!;
      expect(contact.mobile).toBe(subject.mobile);

      const { page, context } = await signIn(world, 'compliance', {
        viewport: combo.viewport,
        locale: combo.lang === 'en' ? 'en-US' : 'zh-CN',
      });
      page.setDefaultTimeout(15_000);
      const problems = watch(page);
      await page.goto(`${world.server.url}/#/requests`);
      await page.locator('[data-testid=subject-panel]').waitFor();
      await checkScreen(page, combo, 'compliance-1-screen', problems);

      // Found by the whole number, written the usual way.
      await page.fill('[data-testid=subject-panel] input:not([type=checkbox])', subject.mobile);
      await page.click('[data-testid=subject-panel] button[type=submit]');
      await expect.poll(() => page.locator('[data-testid=subject-hits]').textContent()).toMatch(/1/);
      await checkScreen(page, combo, 'compliance-2-found', problems);

      // The access report: the fields held, their purposes and retention, and the reads.
      await page.click('[data-testid=subject-panel] form button[type=button]');
      const report = page.locator('[data-testid=subject-report]');
      await report.waitFor();
      expect(await report.locator('tbody tr').count()).toBeGreaterThan(0);
      const purposes = await report.locator('tbody tr td:nth-child(2)').allTextContents();
      expect(purposes.some((p) => p !== '—')).toBe(true);
      expect(await report.locator('h3').first().textContent()).toMatch(/[1-9]/);
      // Who accessed: the owner's read, by name.
      const owner = await world.server.store.getDoc('users', `user-${subject.owner}`);
      expect(await report.locator('[data-testid=subject-reads]').first().textContent()).toContain(
        owner!.name,
      );
      expect(await report.textContent()).not.toContain(subject.mobile);
      await checkScreen(page, combo, 'compliance-3-report', problems);

      // Erased after an identity check and a confirmation; the button waits for the confirmation.
      await page.click('[data-testid=subject-panel] button[type=submit]');
      const erase = page.locator('[data-testid=subject-panel] button.danger');
      await erase.waitFor();
      expect(await erase.isDisabled()).toBe(true);
      await page.selectOption('[data-testid=subject-panel] select', 'known-contact');
      await page.check('[data-testid=subject-panel] input[type=checkbox]');
      await erase.click();
      await page.locator('[data-testid=subject-panel] p.notice').waitFor();
      await checkScreen(page, combo, 'compliance-4-erased', problems);

      // Gone for the owner: the record stays, the person's values do not.
      const after = await rep.records.get.query({ templateId: B2B, id: subject.id });
      const held = JSON.stringify(after.data);
      expect(held).not.toContain(subject.mobile);
      expect(held).not.toContain(contact.name);
      await page.click('[data-testid=subject-panel] button[type=submit]');
      await expect.poll(() => page.locator('[data-testid=subject-hits]').textContent()).toMatch(/0/);

      // Retention: a customer entered 800 days ago is due; previewed, then run.
      const old = await world.server.store.getRecord(B2B, 'demo-007');
      const oldId = `old-${combo.size}`;
      const longAgo = new Date(Date.now() - 800 * 86_400_000).toISOString();
      await world.server.store.createRecord({
        record: {
          ...old!,
          id: oldId,
          createdAt: longAgo,
          updatedAt: longAgo,
          data: { ...old!.data, lastContactAt: longAgo },
        },
        audit: { actor: 'system', action: 'record.create', target: oldId, details: {} },
      });
      const oldMobile = (old!.data.contacts as { mobile: string }[])[0]!.mobile;
      const retention = page.locator('[data-testid=retention-panel]');
      await retention.locator('button').first().click();
      await retention.locator('table tbody tr').first().waitFor();
      expect(await retention.locator('[data-testid=retention-due]').textContent()).toMatch(/[1-9]/);
      await checkScreen(page, combo, 'compliance-5-retention-preview', problems);
      await retention.locator('button').nth(1).click();
      await retention.locator('p.notice').waitFor();
      expect(JSON.stringify((await world.server.store.getRecord(B2B, oldId))?.data ?? {})).not.toContain(
        oldMobile,
      );
      await checkScreen(page, combo, 'compliance-6-retention-run', problems);
      await context.close();
    });
  });
});
