import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, type RunningServer, startServer } from '@veil/server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const WEB_ROOT = resolve(here, '../../../web/dist');

/** Builds the web app when `turbo build` has not run yet. */
function ensureWebBuilt(): void {
  if (existsSync(join(WEB_ROOT, 'index.html'))) return;
  const result = spawnSync('npx', ['vite', 'build'], { cwd: resolve(WEB_ROOT, '..'), stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web app failed');
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export interface World {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/** A real server (temp data folder, demo seed, built web app) and Debian's Chromium. */
export async function startWorld(
  options: { customers?: number; locale?: 'zh-CN' | 'en' } = {},
): Promise<World> {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'veil-e2e-'));
  const server = await startServer({
    port: 0,
    dataDir: join(dir, 'data'),
    keysDir: join(dir, 'keys'),
    webRoot: WEB_ROOT,
    // The demo data in one language; English unless a test works in Chinese.
    seed: { customers: options.customers ?? 60, locale: options.locale ?? 'en' },
    logSink: () => {},
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything the server sent a page (tRPC answers and the app's files), for leak checks. */
interface Traffic {
  bodies: string[];
  text(): string;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  traffic: Traffic;
}

/** A fresh browser context signed in as `login`, recording every response body. */
export async function signIn(
  world: World,
  login: string,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<Session> {
  const context = await world.browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? 'en-US',
  });
  const page = await context.newPage();
  const bodies: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    pending.push(
      response
        .text()
        .then((body) => {
          bodies.push(body);
        })
        .catch(() => undefined),
    );
  });
  const traffic: Traffic = {
    bodies,
    text: () => bodies.join('\n'),
  };
  await page.goto(world.server.url);
  await page.fill('input[name=username]', login);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('header.topbar');
  // Make `traffic` settle before a caller reads it.
  Object.assign(traffic, {
    text: () => bodies.join('\n'),
    settle: () => Promise.all(pending),
  });
  return { context, page, traffic };
}

/** Waits for every response body seen so far to be read. */
export async function settle(session: Session): Promise<void> {
  const t = session.traffic as Traffic & { settle?: () => Promise<unknown> };
  await t.settle?.();
}
