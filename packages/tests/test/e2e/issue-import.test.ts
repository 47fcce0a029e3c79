import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, signIn, startWorld, type World } from './harness.js';

const SHEET = fileURLToPath(new URL('../fixtures/import/sheets/duplicates-of-rep-b.csv', import.meta.url));
let world: World;

beforeAll(async () => {
  world = await startWorld({ customers: 24 });
});

afterAll(async () => {
  await world?.close();
});

describe('importing a spreadsheet from the web, end to end', () => {
  it('a rep uploads a sheet, maps columns by hand, sees the duplicates (撞单) and imports with progress', async () => {
    const rep = await signIn(world, 'rep-a');
    const { page } = rep;
    await page.goto(`${world.server.url}/#/import`);
    await page.setInputFiles('input[type=file]', SHEET);
    const company = page.locator('select[aria-label="A 公司"]');
    await company.waitFor();
    // The server's suggestions are preselected; two columns are set by hand.
    expect(await company.inputValue()).toBe('/company');
    await page.selectOption('select[aria-label="D E-mail"]', '');
    await page.selectOption('select[aria-label="E 阶段"]', '/stage');
    await page.getByRole('button', { name: 'Check every row' }).click();
    await page.getByText('3 of 7 rows can be imported · 0 with errors · 4 duplicates').waitFor();
    await page.getByText('Line 3: Mobile: this customer is already followed up by another rep').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').getByText('Imported 3 customers.').waitFor();
    expect(await page.locator('progress').getAttribute('value')).toBe('7');
    // No contact detail of the other reps' customers reached the browser (beyond what rep A typed).
    await settle(rep);
    const others = (await world.server.store.queryRecords('b2b-follow-up', { limit: 1000 })).records.filter(
      (r) => r.data.ownerId !== 'user-rep-a',
    );
    expect(others.length).toBeGreaterThan(5);
    const typed = readFileSync(SHEET, 'utf8');
    const seen = rep.traffic.text();
    let checked = 0;
    for (const record of others)
      for (const contact of (record.data.contacts as { mobile: string; email: string }[] | undefined) ?? [])
        for (const value of [contact.mobile, contact.email])
          if (!typed.includes(value)) {
            checked += 1;
            expect(seen).not.toContain(value);
          }
    expect(checked).toBeGreaterThan(10);
  });
});
