// Export pipeline (issue 14): 100,000, 300,000 and 1,000,000 generated rows of the demo
// follow-up template (streamed from a generator, never loaded from a store) projected for a rep,
// masked as planned, watermarked and fingerprinted to CSV by the server's export writer, vs.
// plain csv-stringify of the same raw rows to the same kind of file, with the peak RSS of each
// size (one process, smallest first: a peak that does not grow with the rows is streaming). Also
// reports the XLSX writer's rate on a tenth of the largest size, and an export of 20,000 stored
// records through the API (a manager requests, an admin approves, the manager downloads; the
// file is built on that download) against paging the same rows through `records.list`. Needs
// `pnpm build`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify';
import { compileExportRow, compilePolicy, createViewer } from '../../packages/policy/dist/index.js';
import { parseTemplate } from '../../packages/schema/dist/index.js';
import { exportPrf } from '../../packages/server/dist/exports/exportPrf.js';
import { writeExportFile } from '../../packages/server/dist/exports/writeExportFile.js';
import { checkAll, checkTarget } from '../lib/target.mjs';

export const name = 'export';
/** A million rows take a while: one warm-up-free run, alternating inside. */
export const harness = { warmup: 0, repetitions: 1 };

const root = fileURLToPath(new URL('../../templates/', import.meta.url));
const COLUMNS = ['/company', '/stage', '/dealSize', '/contacts/*/mobile', '/nextContactAt', '/ownerId'];
const OWNERS = ['user-rep-a', 'user-rep-b'];
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const KEYS = { hashToken: (v) => `h${v.length}`, blindIndex: () => 'b', auditRef: (id) => id };

function* records(count) {
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(7, '0');
    yield {
      id: `r${n}`,
      templateId: 'b2b-follow-up',
      templateVersion: 1,
      version: 1,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      data: {
        ownerId: OWNERS[i % 2],
        company: `演示客户 ${n} 有限公司 (Demo Co. ${n})`,
        stage: STAGES[i % 6],
        dealSize: (i * 7919) % 3_000_000,
        nextContactAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        contacts: [{ _id: `c${i}`, name: '演示甲乙', mobile: `139${String(i % 1e8).padStart(8, '0')}` }],
      },
    };
  }
}

function setup() {
  const policy = JSON.parse(readFileSync(join(root, 'workspace-policy.json'), 'utf8'));
  const template = JSON.parse(readFileSync(join(root, 'b2b-follow-up', 'template.json'), 'utf8'));
  const parsed = parseTemplate(template, policy);
  if (parsed.status !== 'ok') throw new Error('the demo template does not parse');
  const compiled = compilePolicy(parsed.template, policy, { keys: KEYS, locale: 'zh-CN' });
  const viewer = createViewer(
    { id: 'user-rep-a', roles: ['rep'], departmentId: 'dept-east', managedDepartmentIds: [], name: 'Rep A' },
    {
      parentOf: { 'dept-sales': null, 'dept-east': 'dept-sales' },
      departmentOf: { 'user-rep-a': 'dept-east', 'user-rep-b': 'dept-east' },
    },
  );
  const plan = compiled.planExport(
    {
      columns: COLUMNS,
      rowCount: 0,
      format: 'csv',
      purpose: 'contact',
      exportId: 'bench',
      at: '2026-01-01T00:00:00Z',
    },
    viewer,
  );
  const rowOf = compileExportRow(parsed.template, plan, { locale: 'zh-CN', hashToken: KEYS.hashToken });
  return { compiled, viewer, plan, rowOf };
}

async function pipelineRun(dir, count, format, ctx) {
  async function* rows() {
    for (const record of records(count)) {
      const projected = ctx.compiled.projectRecord(record, ctx.viewer);
      if (projected) yield ctx.rowOf(projected);
    }
  }
  const path = join(dir, `pipeline.${format}`);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  await writeExportFile({
    path,
    format,
    exportId: 'bench',
    watermark: ctx.plan.watermark,
    author: 'Rep A',
    titles: COLUMNS,
    rows: rows(),
    prf: exportPrf('ab'.repeat(32)),
  });
  const ms = performance.now() - started;
  clearInterval(sampler);
  const bytes = (await stat(path)).size;
  await rm(path);
  return { ms, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20, bytes };
}

async function plainRun(dir, count) {
  async function* rows() {
    for (const record of records(count)) {
      const d = record.data;
      yield [
        d.company,
        d.stage,
        d.dealSize,
        d.contacts.map((c) => c.mobile).join(', '),
        d.nextContactAt,
        d.ownerId,
      ];
    }
  }
  const path = join(dir, 'plain.csv');
  const started = performance.now();
  await pipeline(Readable.from(rows()), stringify(), (await import('node:fs')).createWriteStream(path));
  const ms = performance.now() - started;
  await rm(path);
  return { ms };
}

const serverScript = fileURLToPath(new URL('../lib/apiServer.mjs', import.meta.url));

async function startChild(dir, records) {
  const child = spawn(process.execPath, [serverScript, dir, String(records)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const ready = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}): ${stderr.slice(0, 500)}`)));
  });
  return {
    url: ready.url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}

async function call(url, headers, path, input, method = 'POST') {
  const response =
    method === 'GET'
      ? await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(`${url}/trpc/${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.result.data;
}

async function signIn(url, username) {
  const response = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-veil-csrf': '1' },
    body: JSON.stringify({ username, password: 'veil-demo-2026' }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('veil_session='));
  return { cookie, 'x-veil-csrf': '1' };
}

/** Request → approve → build and download of every stored record, vs paging them through the list. */
async function apiExport(dir, records) {
  const server = await startChild(dir, records);
  try {
    const manager = await signIn(server.url, 'manager');
    const admin = await signIn(server.url, 'admin');
    let started = performance.now();
    let cursor;
    let listed = 0;
    do {
      const page = await call(
        server.url,
        manager,
        'records.list',
        { templateId: 'b2b-follow-up', limit: 200, ...(cursor ? { cursor } : {}) },
        'GET',
      );
      listed += page.rows.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const listMs = performance.now() - started;
    started = performance.now();
    const made = await call(server.url, manager, 'exports.request', {
      templateId: 'b2b-follow-up',
      columns: COLUMNS,
      purpose: 'contact',
      format: 'csv',
    });
    if (made.status === 'pending-approval')
      await call(server.url, admin, 'exports.approve', { exportId: made.id });
    const file = await fetch(`${server.url}/exports/${made.id}/file`, { headers: manager });
    const bytes = (await file.arrayBuffer()).byteLength;
    if (file.status !== 200) throw new Error(`download: HTTP ${file.status}`);
    const exportMs = performance.now() - started;
    return { rows: made.rowCount, listed, listMs, exportMs, bytes };
  } finally {
    await server.stop();
  }
}

/** CSV rows/s of the pipeline vs plain csv-stringify of `count` rows, alternating, best of the rounds. */
async function csvRun(dir, count, ctx, rounds) {
  // Alternate plain / pipeline so a shared machine's drift hits both.
  const plain = [];
  const piped = [];
  for (let round = 0; round < rounds; round++) {
    plain.push((await plainRun(dir, count)).ms);
    piped.push(await pipelineRun(dir, count, 'csv', ctx));
  }
  const plainMs = Math.min(...plain);
  const best = piped.reduce((a, b) => (a.ms <= b.ms ? a : b));
  const peakMb = Math.max(...piped.map((p) => p.peakMb));
  const figure = count / (best.ms / 1000);
  const baseline = count / (plainMs / 1000);
  return { figure, baseline, ratio: figure / baseline, peakMb };
}

/** Sizes of the CSV comparison: three, smallest first, so the peak RSS shows whether memory grows with the rows. */
const CSV_SIZES = [100_000, 300_000, 1_000_000];

export async function run({ size, smoke }) {
  const sizes = size ? [size] : smoke ? [2_000] : CSV_SIZES;
  const count = sizes[sizes.length - 1];
  const ctx = setup();
  const dir = await mkdtemp(join(tmpdir(), 'veil-bench-export-'));
  try {
    const csv = [];
    for (const n of sizes) csv.push({ n, ...(await csvRun(dir, n, ctx, smoke ? 1 : 2)) });
    const { baseline } = csv[csv.length - 1];
    const xlsxRows = Math.max(1, Math.floor(count / 10));
    const xlsx = await pipelineRun(dir, xlsxRows, 'xlsx', ctx);
    const stored = await apiExport(join(dir, 'api'), smoke ? 50 : 20_000);
    return [
      ...csv.map((c) => ({
        metric: `csv rows/s at ${c.n.toLocaleString('en')} rows (masked, watermarked, fingerprinted) vs plain csv-stringify`,
        figure: c.figure,
        unit: 'rows/s',
        baseline: c.baseline,
        ratio: c.ratio,
        size: c.n,
        peakRssMb: Math.round(c.peakMb),
        ...checkAll(checkTarget(c.ratio, '>=', 0.7, 'x'), checkTarget(c.peakMb, '<=', 256, ' MB')),
      })),
      {
        metric: 'xlsx rows/s (streaming writer) vs plain csv-stringify',
        figure: xlsxRows / (xlsx.ms / 1000),
        unit: 'rows/s',
        baseline,
        ratio: xlsxRows / (xlsx.ms / 1000) / baseline,
        size: xlsxRows,
        peakRssMb: Math.round(xlsx.peakMb),
      },
      {
        metric:
          'api export rows/s of stored records (request, approve, build, download) vs paging records.list',
        figure: stored.rows / (stored.exportMs / 1000),
        unit: 'rows/s',
        baseline: stored.listed / (stored.listMs / 1000),
        ratio: stored.rows / (stored.exportMs / 1000) / (stored.listed / (stored.listMs / 1000)),
        size: stored.rows,
        exportMs: Math.round(stored.exportMs),
        fileKb: Math.round(stored.bytes / 1024),
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
