import { DEMO_PASSWORD } from '@veil/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClient } from '../api/apiHarness.js';
import { signIn, startWorld, type World } from './harness.js';
import { COMBOS, type Combo, checkScreen, watch } from './journeyChecks.js';

// Issue 13, the manager's day in real Chromium, in each language on a desktop and on a phone:
// the team's list with owners by name, the list filtered by owner, a reveal with a reason, and a
// customer handed to another rep. Same checks on every step as the rep's day.

const B2B = 'b2b-follow-up';
const EDU = 'education-enrolment';
const worlds: Partial<Record<Combo['lang'], World>> = {};
const students: Partial<Record<Combo['lang'], string[]>> = {};
const HEALTH = { 'zh-CN': '花生过敏，随身带肾上腺素笔', en: 'Peanut allergy, carries an EpiPen' };
const REP_A = { 'zh-CN': '业务员甲（演示）', en: 'Rep A (demo)' };

beforeAll(async () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const world = await startWorld({ customers: 14, locale: lang });
    worlds[lang] = world;
    // Rep A enrols students whose health notes the manager may reveal with a reason.
    const rep = makeClient(world.server.url);
    await rep.auth.login.mutate({ username: 'rep-a', password: DEMO_PASSWORD });
    students[lang] = [];
    for (let i = 0; i < 2; i++) {
      const { record } = await rep.records.create.mutate({
        templateId: EDU,
        changes: [
          { pointer: '/studentName', value: lang === 'en' ? `Student ${i}` : `学员${'甲乙'[i]}` },
          { pointer: '/course', value: 'math' },
          { pointer: '/guardian/name', value: lang === 'en' ? `Parent ${i}` : `家长${'甲乙'[i]}` },
          { pointer: '/guardian/mobile', value: `1370000111${i}` },
          { pointer: '/guardian/relation', value: 'mother' },
          { pointer: '/healthNotes', value: HEALTH[lang] },
        ],
      });
      students[lang]!.push(record!.id);
    }
  }
});
afterAll(async () => {
  await Promise.all(Object.values(worlds).map((w) => w?.close()));
});

async function apply(page: Page): Promise<void> {
  await page.click('form.querybar button[type=submit]');
  await page.waitForFunction(`!document.querySelector('.customers [aria-live]')?.textContent?.includes('…')`);
}

describe('issue: a manager’s day', () => {
  COMBOS.forEach((combo) => {
    it(`in ${combo.lang} on a ${combo.size}`, async () => {
      const world = worlds[combo.lang]!;
      const url = world.server.url;
      const { store } = world.server;
      const { page, context } = await signIn(world, 'manager', {
        viewport: combo.viewport,
        locale: combo.lang === 'en' ? 'en-US' : 'zh-CN',
      });
      page.setDefaultTimeout(15_000);
      const problems = watch(page);

      // The team's customers, each owner shown by name.
      await page.locator('.customers .tr').first().waitFor();
      await expect.poll(() => page.locator('.customers .tbody').textContent()).toContain(REP_A[combo.lang]);
      await checkScreen(page, combo, 'manager-1-team', problems);

      // Listed by owner: rep C's customers only.
      await page.selectOption('select[name=filter-field]', '/ownerId');
      await page.selectOption('select[name=filter-value]', 'user-rep-c');
      await apply(page);
      const ofC = await store.queryRecords(B2B, {
        scope: { kind: 'owners', ownerIds: ['user-rep-c'] },
        filters: [{ field: '/stage', op: 'in', value: ['lead', 'qualified', 'proposal', 'negotiation'] }],
        limit: 1000,
      });
      await expect.poll(() => page.locator('.customers [data-record-id]').count()).toBe(ofC.total);
      const shown = await page
        .locator('.customers [data-record-id]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-id')));
      expect(new Set(shown)).toEqual(new Set(ofC.records.map((r) => r.id)));
      await checkScreen(page, combo, 'manager-2-by-owner', problems);

      // A reveal, with a reason kept for compliance.
      // A student not revealed yet in this world (one per size).
      const student = students[combo.lang]![combo.size === 'desktop' ? 0 : 1]!;
      await page.goto(`${url}/#/records/${EDU}/${encodeURIComponent(student)}`);
      await page.locator('[data-reveal="/healthNotes"]').click();
      await page.fill(
        '.dialog textarea[name=reason]',
        combo.lang === 'en' ? 'Class trip next week' : '下周班级出游，需确认过敏情况',
      );
      await checkScreen(page, combo, 'manager-3-reveal-reason', problems);
      await page.click('.dialog button[type=submit]');
      await page.locator('[data-revealed="/healthNotes"]').waitFor();
      expect(await page.inputValue('#root_healthNotes')).toBe(HEALTH[combo.lang]);
      await checkScreen(page, combo, 'manager-4-revealed', problems);

      // A customer of rep A handed to rep C: moved on the server, audited.
      const ofA = await store.queryRecords(B2B, {
        scope: { kind: 'owners', ownerIds: ['user-rep-a'] },
        limit: 1,
      });
      const moving = ofA.records[0]!;
      await page.goto(`${url}/#/records/${B2B}/${encodeURIComponent(moving.id)}`);
      await page.selectOption('select[name=reassign-to]', 'user-rep-c');
      await page.click('[data-testid=reassign] button[type=submit]');
      await page.locator('p.notice').waitFor();
      expect((await store.getRecord(B2B, moving.id))?.data.ownerId).toBe('user-rep-c');
      await checkScreen(page, combo, 'manager-5-reassigned', problems);
      await context.close();
    });
  });
});
