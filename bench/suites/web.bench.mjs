// Web benchmarks (issue 7).
// (a) The JavaScript a signed-in rep needs for the list and the form: the Vite entry chunk and
//     every chunk it imports statically (the builder is a dynamic import), gzip — the same rule
//     as packages/web/scripts/bundle-report.mjs, read from packages/web/dist/.vite/manifest.json.
// (b) The builder's live preview, per edit, for a 200-field template in Chromium: an admin
//     imports a 200-field JSON Schema, opens the preview (as a rep), and changes one field's
//     level over and over; the preview pane stamps `data-ms` on [data-testid=preview-ms] with
//     the time from the edit to the committed preview (parse + compile + project + render).
//     Growth: the same at 50 and 1,000 fields, and the pure computation alone (parseTemplate →
//     compilePolicy → projectForm, in Node) at 50 / 200 / 1,000 / 2,000 fields.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { checkTarget } from '../lib/target.mjs';

export const name = 'web';

/** Chromium runs are slow to set up: one run; each run takes its own median over edits. */
export const harness = { warmup: 0, repetitions: 1 };

const root = fileURLToPath(new URL('../../', import.meta.url));
const webDist = join(root, 'packages/web/dist');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const BUNDLE_BUDGET_KB = 250;
const PREVIEW_BUDGET_MS = 50;

function bundleRow() {
  const manifestFile = join(webDist, '.vite', 'manifest.json');
  if (!existsSync(manifestFile))
    throw new Error('packages/web/dist has no Vite manifest — build the web app first');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('no entry chunk in the Vite manifest');
  const needed = new Set();
  const visit = (key) => {
    if (needed.has(key)) return;
    needed.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry[0]);
  let raw = 0;
  let gzip = 0;
  const files = {};
  for (const key of needed) {
    const bytes = readFileSync(join(webDist, manifest[key].file));
    raw += bytes.length;
    const g = gzipSync(bytes, { level: 9 }).length;
    gzip += g;
    files[manifest[key].file] = Math.round((g / 1024) * 10) / 10;
  }
  const lazy = Object.values(manifest)
    .filter((chunk) => chunk.isDynamicEntry)
    .map((chunk) => chunk.file);
  const kb = gzip / 1024;
  return {
    metric: 'JS a signed-in rep needs (list + form), gzip',
    size: 'n/a',
    figure: kb,
    unit: 'KB',
    baselineLabel: 'none (absolute budget)',
    ...checkTarget(kb, '<=', BUNDLE_BUDGET_KB, ' KB'),
    raw_kb: Math.round(raw / 1024),
    files_gzip_kb: files,
    lazy_not_counted: lazy,
  };
}

/** A plain JSON Schema with `count` top-level fields (strings and numbers, three personal-looking). */
function importedSchema(count) {
  const properties = {
    mobile: { type: 'string', title: '手机号' },
    email: { type: 'string', format: 'email', title: 'E-mail' },
    idNumber: { type: 'string', title: '身份证号' },
  };
  for (let i = 0; i < count - 3; i++)
    properties[`f${i}`] =
      i % 2 === 0 ? { type: 'string', title: `备注${i}` } : { type: 'number', title: `数量${i}` };
  return { type: 'object', title: 'Bench leads', properties };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function previewInChromium(fieldCounts, edits) {
  const { startServer, DEMO_PASSWORD } = await import(
    new URL('../../packages/server/dist/index.js', import.meta.url).href
  );
  const { chromium } = await import(
    new URL('../../packages/tests/node_modules/playwright-core/index.mjs', import.meta.url).href
  );
  const dir = mkdtempSync(join(tmpdir(), 'veil-bench-web-'));
  const server = await startServer({
    port: 0,
    dataDir: join(dir, 'data'),
    keysDir: join(dir, 'keys'),
    webRoot: webDist,
    seed: { customers: 0 },
    logSink: () => {},
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const id = (testId) => `[data-testid="${testId}"]`;
  const out = [];
  try {
    for (const count of fieldCounts) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(server.url);
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('header.topbar');
      await page.goto(`${server.url}/#/builder`);
      await page.click(id('builder-import'));
      await page.fill(id('import-json'), JSON.stringify(importedSchema(count)));
      await page.click(id('import-submit'));
      await page.waitForSelector(id(`field-row-/f${count - 4}`));
      await page.click(id('tab-preview'));
      await page.click(id('field-row-/f10'));
      const total = [];
      const parse = [];
      const project = [];
      for (let i = 0; i < edits + 2; i++) {
        const before = await page.getAttribute(id('preview-ms'), 'data-ms');
        await page.selectOption(id('privacy-level'), i % 2 === 0 ? 'confidential' : 'internal');
        await page.waitForFunction(
          ([sel, prev]) => document.querySelector(sel)?.getAttribute('data-ms') !== prev,
          [id('preview-ms'), before],
        );
        if (i < 2) continue; // the first two edits warm the JIT
        const attrs = await page.$eval(id('preview-ms'), (el) => ({ ...el.dataset }));
        total.push(Number(attrs.ms));
        parse.push(Number(attrs.parseMs));
        project.push(Number(attrs.projectMs));
      }
      out.push({ count, total, parse, project });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** The preview's pure computation alone, in Node (parse → compile → project the form as a rep). */
async function previewInNode(count, reps) {
  const { parseTemplate } = await import(
    new URL('../../packages/schema/dist/index.js', import.meta.url).href
  );
  const { compilePolicy, createViewer } = await import(
    new URL('../../packages/policy/dist/index.js', import.meta.url).href
  );
  const policy = JSON.parse(readFileSync(join(root, 'templates/workspace-policy.json'), 'utf8'));
  const schema = importedSchema(count);
  for (const [key, field] of Object.entries(schema.properties)) {
    field['x-privacy'] = { level: 'internal' };
    if (key === 'mobile' || key === 'email' || key === 'idNumber')
      field['x-privacy'] = { level: 'confidential', purpose: policy.purposes[0]?.id, basis: 'consent' };
  }
  const template = {
    id: 'bench-preview',
    version: 1,
    title: 'Bench',
    schema,
    uiSchema: {},
    views: [],
    owner: '/f0',
    subject: [],
  };
  const fnv = (value) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
    return (h >>> 0).toString(16);
  };
  const keys = { hashToken: fnv, blindIndex: (_f, v) => fnv(v), auditRef: fnv };
  const viewer = createViewer(
    { id: 'preview:viewer', roles: ['rep'], departmentId: 'd', managedDepartmentIds: [] },
    { parentOf: { d: null }, departmentOf: { 'preview:viewer': 'd', 'preview:colleague': 'd' } },
  );
  const once = (level) => {
    schema.properties.f10['x-privacy'] = { level };
    const parsed = parseTemplate(template, policy);
    if (parsed.status !== 'ok')
      throw new Error(`bench template does not parse: ${JSON.stringify(parsed.errors[0])}`);
    const compiled = compilePolicy(parsed.template, policy, { keys, locale: 'en' });
    return compiled.projectForm(viewer, { relation: 'team' }, 'en');
  };
  once('internal');
  const samples = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    once(i % 2 === 0 ? 'confidential' : 'internal');
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export async function run({ smoke = false } = {}) {
  const rows = [bundleRow()];
  const counts = smoke ? [20] : [50, 200, 1000];
  const edits = smoke ? 2 : 10;
  if (existsSync(CHROMIUM)) {
    for (const r of await previewInChromium(counts, edits)) {
      const ms = median(r.total);
      rows.push({
        metric: 'builder preview per edit, Chromium',
        size: r.count,
        figure: ms,
        unit: 'ms',
        baselineLabel: 'none (absolute budget)',
        ...(r.count === 200 || smoke
          ? checkTarget(ms, '<=', PREVIEW_BUDGET_MS, ' ms')
          : { target: 'reported (growth)' }),
        edits: r.total.length,
        min_ms: Math.min(...r.total),
        max_ms: Math.max(...r.total),
        parse_ms_median: median(r.parse),
        project_ms_median: median(r.project),
        measured:
          'edit → committed preview (parse + compile + project + React render), data-ms of the preview pane',
      });
    }
  } else {
    rows.push({
      metric: 'builder preview per edit, Chromium',
      figure: undefined,
      target: 'no Chromium at /usr/bin/chromium: not measured',
    });
  }
  for (const count of smoke ? [20] : [50, 200, 1000, 2000]) {
    const ms = await previewInNode(count, smoke ? 2 : 15);
    rows.push({
      metric: 'preview computation alone (parse → compile → projectForm), Node',
      size: count,
      figure: ms,
      unit: 'ms',
      baselineLabel: 'none',
      target: 'reported (growth)',
      per_field_us: Math.round((ms * 1000) / count),
    });
  }
  return rows;
}
