import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startWorld, type World } from './harness.js';

let world: World;
beforeAll(async () => {
  world = await startWorld({ customers: 5 });
});
afterAll(async () => {
  await world?.close();
});

const id = (testId: string) => `[data-testid="${testId}"]`;

/** Adds a top-level field and gives it a key and both titles; returns its path. */
async function addField(page: Page, key: string, zh: string, en: string): Promise<string> {
  await page.click(id('field-add'));
  await page.fill(id('field-key'), key);
  await page.press(id('field-key'), 'Enter');
  await page.waitForSelector(id(`field-row-/${key}`));
  await page.fill(id('field-title-zh'), zh);
  await page.fill(id('field-title-en'), en);
  return `/${key}`;
}

/** Clicks publish; open lint warnings need an explicit "publish anyway" first. */
async function publishAnyway(page: Page) {
  await page.click(id('publish'));
  const anyway = page.locator(id('publish-anyway'));
  await page.waitForSelector(
    `${id('publish-anyway')}, ${id('publish-confirmation')}, ${id('builder-notice')}`,
  );
  if ((await anyway.count()) > 0) await anyway.click();
}

async function annotate(page: Page, basis: string) {
  await page.selectOption(id('privacy-level'), 'confidential');
  await page.selectOption(id('privacy-purpose'), 'contact');
  await page.selectOption(id('privacy-basis'), basis);
}

describe('template builder', () => {
  it('an admin builds a template with a masked phone and a range-masked amount, previews it as a rep and publishes it', async () => {
    const { page, context } = await signIn(world, 'admin');
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${world.server.url}/#/builder`);
    await page.click(id('builder-new'));
    await page.fill(id('template-id'), 'e2e-leads');
    await page.fill(id('template-title-zh'), '线索跟进');
    await page.fill(id('template-title-en'), 'Lead follow-up');

    // A phone, masked 3/4, with the live sample masked by the real mask code.
    await addField(page, 'phone', '手机号', 'Mobile');
    await page.selectOption(id('field-format'), 'cn-mobile');
    await annotate(page, 'consent');
    await page.click(id('privacy-category-contact'));
    await page.selectOption(id('mask-style'), 'partial');
    await expect.poll(() => page.textContent(id('mask-sample-output'))).toBe('138****5678');
    await page.fill(id('mask-keep-end'), '2');
    await expect.poll(() => page.textContent(id('mask-sample-output'))).toBe('138******78');
    // Undo and redo work on the template itself (outside a text box).
    await page.click(id('undo'));
    await expect.poll(() => page.textContent(id('mask-sample-output'))).toBe('138****5678');
    await page.click(id('redo'));
    await expect.poll(() => page.textContent(id('mask-sample-output'))).toBe('138******78');
    await page.click(id('undo'));
    await expect.poll(() => page.textContent(id('mask-sample-output'))).toBe('138****5678');

    // An amount, masked as a range.
    await addField(page, 'amount', '预计金额', 'Expected amount');
    await page.selectOption(id('field-type'), 'number');
    await annotate(page, 'contract');
    await page.selectOption(id('mask-style'), 'range');
    await page.fill(id('mask-sample-input'), '230000');
    // The admin works in English: buckets read 100k–500k (10万–50万 in Chinese).
    await expect.poll(() => page.textContent(id('mask-sample-output'))).toBe('100k–500k CNY');

    // Preview as a rep looking at a colleague's record: the phone is masked and locked.
    await page.click(id('tab-preview'));
    await page.selectOption(id('preview-role'), 'rep');
    await page.selectOption(id('preview-relation'), 'team');
    const preview = page.locator(id('preview'));
    await expect.poll(() => preview.locator('input[value="138****5678"]').count()).toBe(1);
    await expect.poll(() => preview.locator('[data-masked-pointer="/phone"] .lock').count()).toBe(1);
    await expect.poll(() => preview.locator('[data-masked-pointer="/amount"]').count()).toBe(1);
    expect(await preview.innerHTML()).not.toContain('13812345678');
    // … while the owner reads the number in full.
    await page.selectOption(id('preview-relation'), 'owner');
    await expect.poll(() => preview.locator('input[value="13812345678"]').count()).toBe(1);
    await page.selectOption(id('preview-relation'), 'team');

    // Lint runs live; acknowledge a warning with a reason when there is one.
    await page.click(id('tab-lint'));
    const errorsListed = await page.locator('[data-testid="lint-item"].error').count();
    expect(errorsListed).toBe(0);
    const ackable = page.locator(id('lint-ack')).first();
    if ((await ackable.count()) > 0) {
      await ackable.click();
      await page.fill(id('lint-ack-reason'), 'Reviewed with the DPO');
      await page.click(id('lint-ack-submit'));
      await expect.poll(() => page.locator(id('lint-list')).textContent()).toContain('Reviewed with the DPO');
    }

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.click(id('field-row-/phone'));
    await page.click(id('tab-preview'));
    await page.screenshot({ path: '/tmp/builder-1280.png' });

    // Publish through the server (warnings still open need "publish anyway").
    await publishAnyway(page);
    await expect.poll(() => page.textContent(id('builder-notice')), { timeout: 15_000 }).toContain('1');
    const published = await page.evaluate(async () => {
      const res = await fetch('/trpc/templates.get?input=%7B%22templateId%22%3A%22e2e-leads%22%7D', {
        headers: { 'x-veil-csrf': '1' },
      });
      return (await res.json()) as {
        result: { data: { source: string; latestVersion: number; template: unknown } };
      };
    });
    expect(published.result.data.latestVersion).toBe(1);
    const schema = JSON.stringify(published.result.data.template);
    expect(schema).toContain('"keepStart":3');
    expect(schema).toContain('"style":"range"');

    // Weakening privacy needs an explicit confirmation from the server's refusal.
    await page.click(id('field-row-/phone'));
    await page.selectOption(id('access-rep-team'), 'full');
    await page.click(id('tab-changes'));
    await expect
      .poll(() => page.locator('[data-testid="diff-item"][data-kind="access-widened"]').count(), {
        timeout: 5000,
      })
      .toBeGreaterThan(0);
    await publishAnyway(page);
    await page.waitForSelector(id('publish-confirmation'));
    await page.click(id('publish-confirm'));
    await expect.poll(() => page.textContent(id('builder-notice')), { timeout: 15_000 }).toContain('2');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports a plain JSON Schema whose personal-looking fields lint flags, and previews 200 fields live', async () => {
    const { page, context } = await signIn(world, 'admin');
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const properties: Record<string, unknown> = {
      mobile: { type: 'string', title: '手机号' },
      email: { type: 'string', format: 'email', title: 'E-mail' },
      idNumber: { type: 'string', title: '身份证号' },
    };
    for (let i = 0; i < 197; i++)
      properties[`f${i}`] =
        i % 2 === 0 ? { type: 'string', title: `备注${i}` } : { type: 'number', title: `数量${i}` };
    await page.goto(`${world.server.url}/#/builder`);
    await page.click(id('builder-import'));
    await page.fill(
      id('import-json'),
      JSON.stringify({ type: 'object', title: 'Imported leads', properties }),
    );
    await page.click(id('import-submit'));
    await page.waitForSelector(id('field-row-/f196')).catch(async (e) => {
      await page.screenshot({ path: '/tmp/builder-import-fail.png' });
      console.log(errors.join('\n'));
      throw e;
    });
    await page.click(id('tab-lint'));
    const flagged = page.locator('[data-testid="lint-item"][data-code="looks-personal-unannotated"]');
    await expect.poll(() => flagged.count()).toBeGreaterThanOrEqual(3);
    const paths = await flagged.evaluateAll((items) => items.map((i) => i.getAttribute('data-path')));
    expect(paths).toEqual(expect.arrayContaining(['/mobile', '/email', '/idNumber']));
    // A finding selects its field.
    await page.click('[data-testid="lint-item"][data-path="/mobile"] button');
    await expect.poll(() => page.inputValue(id('field-key'))).toBe('mobile');

    // Per-edit latency of the live preview on a 200-field template (logged, not asserted).
    await page.click(id('tab-preview'));
    await page.click(id('field-row-/f10'));
    const figures: number[] = [];
    const parses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = await page.getAttribute(id('preview-ms'), 'data-ms');
      await page.selectOption(id('privacy-level'), i % 2 === 0 ? 'confidential' : 'internal');
      await expect.poll(() => page.getAttribute(id('preview-ms'), 'data-ms')).not.toBe(before);
      figures.push(Number(await page.getAttribute(id('preview-ms'), 'data-ms')));
      parses.push(Number(await page.getAttribute(id('preview-ms'), 'data-parse-ms')));
    }
    figures.sort((a, b) => a - b);
    parses.sort((a, b) => a - b);
    console.log(
      `builder preview, 200 fields, ms per edit: median ${figures[4]} (parse median ${parses[4]}), min ${figures[0]}, max ${figures.at(-1)}`,
    );
    await context.close();
  });
});
