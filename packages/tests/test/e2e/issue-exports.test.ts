import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '@veil/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClient } from '../api/apiHarness.js';
import { DESKTOP, PHONE, signIn, startWorld, type World } from './harness.js';

// Browser end-to-end, in Chinese (issue 14): a rep requests an export over the approval
// threshold, the manager approves it in the inbox, the rep downloads it; the rep shares a record
// and the partner opens the link on a phone. Screenshots of each step go to the temp folder below.
const SHOTS = join(tmpdir(), 'veil-exports');

const B2B = 'b2b-follow-up';
const BRIEF = 'partner-brief';
const NAME = '欧阳志远';
const RECIPIENT = '合作伙伴李先生';
const id = (testId: string) => `[data-testid="${testId}"]`;

const briefTemplate = {
  id: BRIEF,
  version: 1,
  title: '合作伙伴简报',
  owner: '/ownerId',
  schema: {
    type: 'object',
    title: '合作伙伴简报',
    required: ['company'],
    properties: {
      ownerId: { type: 'string', title: '负责人', 'x-privacy': { level: 'internal' } },
      company: {
        type: 'string',
        title: '公司',
        'x-privacy': { level: 'internal', access: { external: 'full' } },
      },
      contactName: {
        type: 'string',
        title: '联系人',
        'x-privacy': {
          level: 'confidential',
          categories: ['identity'],
          purpose: 'contact',
          basis: 'consent',
          mask: 'name',
          retention: { days: 365, after: 'updatedAt', action: 'delete' },
          access: { external: 'masked' },
        },
      },
      brief: {
        type: 'string',
        title: '简介',
        'x-privacy': { level: 'internal', scan: false, access: { external: 'full' } },
      },
    },
  },
  views: [{ id: 'all', title: '全部', columns: ['/company', '/contactName'] }],
};

let world: World;
let briefId: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  world = await startWorld({ customers: 20, locale: 'zh-CN' });
  const admin = makeClient(world.server.url);
  await admin.auth.login.mutate({ username: 'admin', password: DEMO_PASSWORD });
  // A low threshold, so the rep's view needs a manager's approval.
  const { version: _version, ...policy } = await admin.workspace.get.query();
  await admin.workspace.update.mutate({ policy: { ...policy, exportApprovalRows: 3 }, confirm: true });
  // The demo template shows nothing to a partner; this one grants `external` two fields.
  await admin.templates.saveDraft.mutate({ template: briefTemplate as never });
  await admin.templates.publish.mutate({ templateId: BRIEF });
  const rep = makeClient(world.server.url);
  await rep.auth.login.mutate({ username: 'rep-a', password: DEMO_PASSWORD });
  const made = await rep.records.create.mutate({
    templateId: BRIEF,
    changes: [
      { pointer: '/company', value: '远航贸易有限公司' },
      { pointer: '/contactName', value: NAME },
      { pointer: '/brief', value: '需要报价，下周见面。' },
    ],
  });
  briefId = made.record!.id;
}, 120_000);
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

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

/** Visible text of the page with Latin words and no Chinese (format names and the link excepted). */
async function englishOnScreen(page: Page): Promise<string[]> {
  const texts = await page.evaluate<string[]>(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('.share-link, .brand, .topbar-end, script, style')) continue;
      const text = n.textContent.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]'))
      for (const a of ['placeholder', 'title', 'aria-label']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    return out;
  })()`);
  return texts
    .map((t) => t.replace(/\b(CSV|XLSX|JSON|Veil|rep-[a-z]|manager|admin|compliance|partner)\b/g, ''))
    .filter((t) => /[A-Za-z]{3,}/.test(t) && !/[\u4e00-\u9fff]/.test(t));
}

describe('issue: exports under control, in the browser', () => {
  it('a rep requests an export over the threshold, the manager approves it in the inbox, the rep downloads it once', async () => {
    const rep = await signIn(world, 'rep-a', { viewport: PHONE, locale: 'zh-CN' });
    rep.page.setDefaultTimeout(15_000);
    const repProblems = watch(rep.page);
    await rep.page.goto(`${world.server.url}/#/customers?template=${B2B}`);
    await rep.page.click(`a[href^="#/exports/new"]`);
    await rep.page.waitForSelector(id('export-approval'));
    expect(await rep.page.textContent(id('export-threshold'))).toContain('超过 3 行');
    const approval = (await rep.page.textContent(id('export-approval')))!;
    expect(approval).toContain('需经理审批');
    expect(approval).toContain('超过 3 行');
    // The plan names what will be masked before anything is requested.
    expect(await rep.page.locator('[data-treatment="masked"]').count()).toBeGreaterThan(0);
    expect(await englishOnScreen(rep.page)).toEqual([]);
    expect(await overflow(rep.page)).toBeLessThanOrEqual(0);
    await shot(rep.page, 'export-dialog-phone');
    await rep.page.click(id('export-submit'));
    await rep.page.waitForSelector(`${id('my-exports')} [data-status="pending-approval"]`);
    const exportId = (await rep.page.getAttribute('[data-status="pending-approval"]', 'data-export'))!;
    // Not approved yet: nothing to download.
    expect(await rep.page.locator(`[data-export="${exportId}"] ${id('export-download')}`).count()).toBe(0);
    expect(await englishOnScreen(rep.page)).toEqual([]);

    const manager = await signIn(world, 'manager', { viewport: DESKTOP, locale: 'zh-CN' });
    manager.page.setDefaultTimeout(15_000);
    const managerProblems = watch(manager.page);
    await manager.page.goto(`${world.server.url}/#/exports`);
    const item = manager.page.locator(`${id('export-inbox')} [data-export="${exportId}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('业务员甲');
    expect(await englishOnScreen(manager.page)).toEqual([]);
    await shot(manager.page, 'approvals-inbox');
    await item.locator(id('approve-comment')).fill('周会使用');
    await item.locator(id('export-approve')).click();
    await item.waitFor({ state: 'detached' });
    expect(managerProblems).toEqual([]);
    await manager.context.close();

    await rep.page.reload();
    const download = rep.page.locator(`[data-export="${exportId}"] ${id('export-download')}`);
    await download.waitFor();
    const [file] = await Promise.all([rep.page.waitForEvent('download'), download.click()]);
    const text = await readFile((await file.path())!, 'utf8');
    expect(text).toContain(exportId);
    expect(text).toContain('业务员甲');
    await rep.page.waitForSelector(`[data-export="${exportId}"][data-status="downloaded"]`);
    await shot(rep.page, 'my-exports-phone');
    expect(await englishOnScreen(rep.page)).toEqual([]);
    expect(await overflow(rep.page)).toBeLessThanOrEqual(0);
    expect(repProblems).toEqual([]);
    await rep.context.close();
  }, 120_000);

  it('the rep shares a record, sees what the partner will see, and the partner opens the link on a 390×844 phone', async () => {
    const rep = await signIn(world, 'rep-a', { viewport: PHONE, locale: 'zh-CN' });
    rep.page.setDefaultTimeout(15_000);
    const problems = watch(rep.page);
    await rep.page.goto(`${world.server.url}/#/records/${BRIEF}/${briefId}`);
    await rep.page.click(id('record-share'));
    const fields = rep.page.locator(id('share-fields'));
    await fields.waitFor();
    for (const title of ['公司', '联系人', '简介']) await fields.getByLabel(title, { exact: true }).check();
    await rep.page.fill(id('share-recipient'), RECIPIENT);
    const preview = rep.page.locator(id('share-preview'));
    await preview.locator('dd[data-treatment="masked"]').waitFor();
    const seen = (await preview.textContent())!;
    expect(seen).toContain('远航贸易有限公司');
    expect(seen).not.toContain(NAME);
    expect(await englishOnScreen(rep.page)).toEqual([]);
    expect(await overflow(rep.page)).toBeLessThanOrEqual(0);
    await shot(rep.page, 'share-dialog-phone');
    await rep.page.click(id('share-create'));
    const link = (await rep.page.textContent(`${id('share-link')} .share-link`))!.trim();
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    expect(problems).toEqual([]);
    await rep.context.close();

    // The partner: no account, a phone, Chinese.
    const context = await world.browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true });
    const page = await context.newPage();
    const partnerProblems = watch(page);
    const response = await page.goto(link);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['cache-control']).toContain('no-store');
    const body = (await page.textContent('main'))!;
    expect(body).toContain('远航贸易有限公司');
    expect(body).toContain(RECIPIENT);
    expect(body).not.toContain(NAME);
    expect(await page.textContent('.mark')).toContain(RECIPIENT);
    await shot(page, 'share-page-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await englishOnScreen(page)).toEqual([]);
    expect(partnerProblems).toEqual([]);
    await context.close();
  }, 120_000);
});
