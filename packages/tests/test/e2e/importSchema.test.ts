import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startWorld, type World } from './harness.js';

let world: World;
beforeAll(async () => {
  world = await startWorld({ customers: 2 });
});
afterAll(async () => {
  await world?.close();
});

const id = (testId: string) => `[data-testid="${testId}"]`;

// An rjsf-style draft-07 schema: definitions, dependencies, closed array items, an unknown format.
const SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Order form',
  type: 'object',
  definitions: {
    line: {
      type: 'object',
      additionalProperties: false,
      required: ['sku', 'qty'],
      properties: {
        sku: { type: 'string', title: 'SKU' },
        qty: { type: 'integer', title: 'Quantity', minimum: 1 },
      },
    },
  },
  properties: {
    company: { type: 'string', title: 'Company' },
    express: { type: 'boolean', title: 'Express delivery' },
    colour: { type: 'string', title: 'Packaging colour', format: 'color' },
    lines: { type: 'array', title: 'Order lines', items: { $ref: '#/definitions/line' } },
  },
  required: ['company'],
  dependencies: { express: { properties: { courier: { type: 'string', title: 'Courier' } } } },
};

describe('importing a JSON Schema someone already has', () => {
  it('shows the rewrites and warnings in English and Chinese, publishes, and a record with array items can be created', async () => {
    const zh = await signIn(world, 'admin', { locale: 'zh-CN' });
    await zh.page.goto(`${world.server.url}/#/builder`);
    await zh.page.click(id('builder-import'));
    await zh.page.fill(id('import-json'), JSON.stringify(SCHEMA));
    await zh.page.click(id('import-submit'));
    await expect.poll(() => zh.page.textContent(id('import-report'))).toContain('处修改');
    expect(await zh.page.textContent(id('import-changes'))).toContain('"definitions" 已改名为 "$defs"');
    expect(await zh.page.textContent(id('import-warnings'))).toContain('格式 "color" 未知');
    await zh.context.close();

    const { page, context } = await signIn(world, 'admin');
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${world.server.url}/#/builder`);
    await page.click(id('builder-import'));
    await page.fill(id('import-json'), JSON.stringify(SCHEMA));
    await page.click(id('import-submit'));
    const report = page.locator(id('import-report'));
    await expect.poll(() => report.textContent()).toContain('change(s) made while importing');
    const changes = await page.textContent(id('import-changes'));
    expect(changes).toContain('"definitions" renamed to "$defs"');
    expect(changes).toContain('"dependencies" split into "dependentRequired" (0) and "dependentSchemas" (1)');
    expect(changes).toContain('"$schema"');
    expect(await page.textContent(id('import-warnings'))).toContain(
      'The format "color" is not known, so it is ignored',
    );
    await page.waitForSelector(id('field-row-/lines'));

    await page.click(id('publish'));
    await expect.poll(() => page.textContent(id('builder-notice')), { timeout: 15_000 }).toContain('1');

    // A rep-side form for the imported template: a record with two closed array items.
    await page.goto(`${world.server.url}/#/records/order-form/new`);
    await page.waitForSelector('#root_company');
    await page.fill('#root_company', 'ACME Trading');
    await page.click('#root_lines__add, fieldset#root_lines button.btn-add');
    await page.fill('#root_lines_0_sku', 'A-1');
    await page.fill('#root_lines_0_qty', '2');
    await page.click('#root_lines__add, fieldset#root_lines button.btn-add');
    await page.fill('#root_lines_1_sku', 'B-7');
    await page.fill('#root_lines_1_qty', '1');
    await page.click('.form-actions button[type=submit]');
    await page.waitForURL(/#\/records\/order-form\/(?!new)[^/]+$/);
    const recordId = decodeURIComponent(page.url().split('/').pop() ?? '');
    const stored = await world.server.store.getRecord('order-form', recordId);
    const lines = (stored?.data.lines ?? []) as { _id: string; sku: string; qty: number }[];
    expect(lines.map(({ sku, qty }) => ({ sku, qty }))).toEqual([
      { sku: 'A-1', qty: 2 },
      { sku: 'B-7', qty: 1 },
    ]);
    expect(lines.every((l) => typeof l._id === 'string' && l._id !== '')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
