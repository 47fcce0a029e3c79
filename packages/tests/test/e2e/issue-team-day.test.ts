import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@veil/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClient } from '../api/apiHarness.js';
import { DESKTOP, PHONE, signIn, startWorld, type World } from './harness.js';

// Browser end-to-end, in Chinese: the strings, forms, builder and phone layout of a team's day
// (issue 13). Screenshots of each step go to the temp folder printed below.

const B2B = 'b2b-follow-up';
const SHOTS = join(tmpdir(), 'veil-team-day');
const id = (testId: string) => `[data-testid="${testId}"]`;

let world: World;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  world = await startWorld({ customers: 20, locale: 'zh-CN' });
  // Who may own customers is the workspace's `records.create` grant (everyone by default):
  // this workspace narrows it to the staff who work with customers, as DESIGN.md's example does.
  const admin = makeClient(world.server.url);
  await admin.auth.login.mutate({ username: 'admin', password: DEMO_PASSWORD });
  const { version: _version, ...policy } = await admin.workspace.get.query();
  await admin.workspace.update.mutate({
    policy: {
      ...policy,
      capabilities: { ...policy.capabilities, 'records.create': ['admin', 'manager', 'rep'] },
    },
    confirm: true,
  });
});
afterAll(async () => {
  await world?.close();
});

/** Fails the step on anything the journey did not provoke: console errors, failed requests. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  return problems;
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Interface text with Latin words but no Chinese (names, codes and user data excepted by the caller). */
function englishOnly(texts: readonly string[]): string[] {
  return texts.filter((t) => /[A-Za-z]{3,}/.test(t) && !/[\u4e00-\u9fff]/.test(t));
}

describe('issue: a team day in Chinese', () => {
  it('a fresh page load logs no 401 and no missing favicon', async () => {
    const context = await world.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(world.server.url);
    await page.waitForSelector('input[name=username]');
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'login-phone');
    await context.close();
  });

  it('the builder speaks Chinese, fits a phone, builds a long-text field that warns, and publishes only "anyway"', async () => {
    const { page, context } = await signIn(world, 'admin', { viewport: PHONE, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    const problems = watch(page);
    await page.goto(`${world.server.url}/#/builder`);
    await page.click(id('builder-new'));
    await page.fill(id('template-id'), 'day-notes');
    await page.fill(id('template-title-zh'), '拜访纪要');
    await page.fill(id('template-title-en'), 'Visit notes');
    await page.click(id('field-add'));
    await page.fill(id('field-key'), 'summary');
    await page.press(id('field-key'), 'Enter');
    await page.waitForSelector(id('field-row-/summary'));
    await page.fill(id('field-title-zh'), '纪要');
    await page.fill(id('field-title-en'), 'Summary');
    await page.selectOption(id('field-type'), 'longtext');
    // Editing a field on a phone does not scroll sideways.
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'builder-field-phone');
    // Every option of the annotation editor is in Chinese.
    const options = await page
      .locator(`${id('annotation-panel')} option, ${id('annotation-panel')} .bld-chip`)
      .allTextContents();
    expect(englishOnly(options)).toEqual([]);
    // Lint findings are in Chinese too.
    await page.click(id('tab-lint'));
    const findings = await page.locator('.bld-finding-msg').allTextContents();
    expect(findings.length).toBeGreaterThan(0);
    expect(englishOnly(findings)).toEqual([]);
    await shot(page, 'builder-lint-phone');
    // The preview warns about a phone number typed into the long text.
    await page.click(id('tab-preview'));
    await page.selectOption(id('preview-relation'), 'create');
    const note = page.locator(`${id('preview')} textarea`).first();
    await note.fill('客户让我打 13912345670 联系');
    await page.locator(`${id('preview')} ${id('pii-warning')}`).waitFor();
    // Open warnings: publishing needs an explicit "publish anyway".
    await page.click(id('publish'));
    await page.waitForSelector(id('publish-warnings'));
    expect(await page.locator(id('builder-notice')).count()).toBe(0);
    await page.click(id('publish-anyway'));
    await expect.poll(() => page.textContent(id('builder-notice')), { timeout: 20_000 }).toContain('1');
    // The picker says published, not draft.
    await expect
      .poll(() => page.locator(`${id('builder-open')} option[value="day-notes"]`).textContent())
      .toContain('已发布');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a rep sees field titles in the summary, jumps to the field, and gets the number pad for a phone', async () => {
    const { page, context } = await signIn(world, 'rep-a', { viewport: DESKTOP, locale: 'zh-CN' });
    const problems = watch(page);
    await page.goto(`${world.server.url}/#/records/${B2B}/new`);
    await page.waitForSelector('#root_company');
    await page.click('#root_contacts__add, fieldset#root_contacts button.btn-add');
    expect(await page.getAttribute('#root_contacts_0_mobile', 'type')).toBe('tel');
    // Contact sub-forms use the width of the form on a desktop.
    const form = await page.locator('.record-form').boundingBox();
    const name = await page.locator('#root_contacts_0_name').boundingBox();
    expect(name!.width).toBeGreaterThan(form!.width * 0.6);
    await page.click('.form-actions button[type=submit]');
    const summary = page.locator(id('form-errors'));
    await summary.waitFor();
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('公司');
    expect(text).not.toMatch(/\.\w+|\/\w+/);
    await summary.getByRole('button', { name: /公司/ }).first().click();
    await expect.poll(() => page.evaluate<string>('document.activeElement?.id ?? ""')).toBe('root_company');
    await shot(page, 'record-errors-desktop');
    // A record is titled by its company, not "客户".
    const own = await world.server.store.queryRecords(B2B, {
      scope: { kind: 'owners', ownerIds: ['user-rep-a'] },
      limit: 1,
    });
    const record = own.records[0]!;
    await page.goto(`${world.server.url}/#/records/${B2B}/${encodeURIComponent(record.id)}`);
    await expect.poll(() => page.textContent(id('record-title'))).toBe(String(record.data.company));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a colleague reads a masked deal size in 元, and a read-only record offers no 保存', async () => {
    const { page, context } = await signIn(world, 'rep-b', { viewport: PHONE, locale: 'zh-CN' });
    const problems = watch(page);
    const own = await world.server.store.queryRecords(B2B, {
      scope: { kind: 'owners', ownerIds: ['user-rep-a'] },
      limit: 1,
    });
    await page.goto(`${world.server.url}/#/records/${B2B}/${encodeURIComponent(own.records[0]!.id)}`);
    const deal = page.locator('#root_dealSize');
    await deal.waitFor();
    const shown = await deal.inputValue();
    expect(shown).toMatch(/元$/);
    expect(shown).not.toContain('CNY');
    expect(await page.locator('.form-actions button[type=submit]').count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'record-colleague-phone');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('compliance reads the processing record on a phone, field by field', async () => {
    const { page, context } = await signIn(world, 'compliance', { viewport: PHONE, locale: 'zh-CN' });
    const problems = watch(page);
    await page.goto(`${world.server.url}/#/templates/${B2B}/processing`);
    await page.locator('table.grid td').first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const cell = await page.locator('table.grid td[data-label]').nth(1).boundingBox();
    expect(cell!.width).toBeGreaterThan(PHONE.width * 0.6);
    await shot(page, 'processing-phone');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the successor list offers only people who may own customers; a user changes their own password', async () => {
    const { page, context } = await signIn(world, 'admin', { viewport: DESKTOP, locale: 'zh-CN' });
    const problems = watch(page);
    await page.goto(`${world.server.url}/#/users`);
    const card = page.locator('li.user-card[data-login="rep-c"]');
    await card.locator('button.danger-link').click();
    const select = card.locator('select[name=successor]');
    await select.locator('option[value="user-rep-a"]').waitFor({ state: 'attached' });
    const offered = await Promise.all(
      (await select.locator('option').all()).map((o) => o.getAttribute('value')),
    );
    expect(offered).toContain('user-manager');
    expect(offered).not.toContain('user-partner');
    expect(offered).not.toContain('user-compliance');
    expect(offered).not.toContain('user-rep-c');
    await shot(page, 'users-successor-desktop');
    expect(problems).toEqual([]);
    await context.close();

    const rep = await signIn(world, 'rep-c', { viewport: PHONE, locale: 'zh-CN' });
    await rep.page.goto(`${world.server.url}/#/account`);
    await rep.page.fill('input[name=current]', DEMO_PASSWORD);
    await rep.page.fill('input[name=next]', 'a-new-long-password');
    await rep.page.fill('input[name=repeat]', 'a-new-long-password');
    await rep.page.click(`${id('change-password')} button[type=submit]`);
    await rep.page.locator(`${id('change-password')} [role=status]`).waitFor();
    expect(await overflow(rep.page)).toBeLessThanOrEqual(0);
    await shot(rep.page, 'account-phone');
    await rep.context.close();
  });
});
