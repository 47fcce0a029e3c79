// `node scripts/screenshots.mjs` after a build: starts the server on a temp data folder with the
// demo workspace, signs in as the demo users and saves each main screen, desktop (1280×800) and
// phone (390×844), as PNG under docs/screenshots/. Uses Debian's Chromium; never downloads one.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/tests/package.json'));
const { chromium } = require('playwright-core');
const { startServer, DEMO_PASSWORD } = await import(
  pathToFileURL(join(root, 'packages/server/dist/index.js')).href
);

const out = join(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'veil-shots-'));
const server = await startServer({
  port: 0,
  dataDir: join(dir, 'data'),
  keysDir: join(dir, 'keys'),
  webRoot: join(root, 'packages/web/dist'),
  seed: { customers: 200 },
  logSink: () => {},
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const B2B = 'b2b-follow-up';

async function session(login, viewport) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error (${login ?? 'anonymous'}): ${error.message}`));
  await page.goto(server.url);
  if (login) {
    await page.fill('input[name=username]', login);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('header.topbar');
  }
  return { context, page };
}

async function shot(page, name, kind) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${name}-${kind}.png`) });
  console.log(`docs/screenshots/${name}-${kind}.png`);
}

/** A record of rep-a's, as rep-b (same department) sees it: contact phone masked. */
async function colleagueRecordId() {
  const page = await server.store.queryRecords(B2B, {
    scope: { kind: 'owners', ownerIds: ['user-rep-a'] },
    limit: 5,
  });
  return page.records[0]?.id;
}

try {
  const colleagueId = await colleagueRecordId();
  for (const [kind, viewport] of Object.entries(VIEWPORTS)) {
    {
      const { context, page } = await session(null, viewport);
      await page.waitForSelector('input[name=username]');
      await shot(page, 'login', kind);
      await context.close();
    }
    {
      const { context, page } = await session('rep-b', viewport);
      await page.locator('a.tr').first().waitFor();
      await shot(page, 'customers', kind);
      await page.goto(`${server.url}/#/due`);
      await page.locator('a.tr, .muted').first().waitFor();
      await shot(page, 'due-today', kind);
      await page.goto(`${server.url}/#/records/${B2B}/${encodeURIComponent(colleagueId)}`);
      await page.locator('[data-masked-pointer]').first().waitFor();
      await page.locator('[data-masked-pointer]').first().scrollIntoViewIfNeeded();
      await shot(page, 'record-masked', kind);
      await page.goto(`${server.url}/#/records/${B2B}/new`);
      await page.waitForSelector('#root_company');
      await page.fill('#root_company', '示例科技有限公司');
      await page.click('#root_followUps__add');
      await page.type('#root_followUps_0_notes', '客户让我打 13912345670 联系，邮箱 li@example.com');
      await page.locator('[data-testid=pii-warning]').scrollIntoViewIfNeeded();
      await shot(page, 'record-pii-warning', kind);
      await context.close();
    }
    {
      const { context, page } = await session('compliance', viewport);
      await page.goto(`${server.url}/#/audit`);
      await page.locator('[data-testid=chain-badge][data-state=ok]').waitFor();
      await shot(page, 'audit', kind);
      await page.goto(`${server.url}/#/templates/${B2B}/processing`);
      await page
        .locator('table.grid, [role=alert]')
        .first()
        .waitFor({ timeout: 8000 })
        .catch(() => undefined);
      await shot(page, 'processing-record', kind);
      await context.close();
    }
    {
      const { context, page } = await session('admin', viewport);
      await page.goto(`${server.url}/#/policy`);
      await page.locator('table.grid').first().waitFor();
      await shot(page, 'policy', kind);
      await page.goto(`${server.url}/#/users`);
      await page.locator('.tree').first().waitFor();
      await shot(page, 'users', kind);
      // The builder with a real template open and the deal size selected: annotation panel,
      // live mask sample and the preview as a rep.
      await page.goto(`${server.url}/#/builder/b2b-follow-up`);
      const dealSize = page.locator('[data-testid="field-row-/dealSize"]');
      await dealSize.waitFor({ timeout: 15000 }).catch(() => undefined);
      await dealSize.click().catch(() => undefined);
      await page.waitForTimeout(1500);
      await shot(page, 'builder', kind);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
