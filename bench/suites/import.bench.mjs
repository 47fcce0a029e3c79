// Spreadsheet import (issue 15): a CSV of 100,000 customers uploaded to a real server and imported
// through the job (`imports.start`, polled until done), against csv-parse reading the same bytes;
// rows per second and the process's peak RSS (the server runs in this process). Then the
// duplicate check (撞单): a dry run of 2,000 rows whose phones all exist, at 1,000 and at 100,000
// existing customers — its cost per row must stay flat. Needs `pnpm build`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { checkTarget } from '../lib/target.mjs';

export const name = 'import';
export const harness = { warmup: 0, repetitions: 1 };

const serverUrl = new URL('../../packages/server/dist/index.js', import.meta.url);
const T = 'b2b-follow-up';
const STAGES = ['初步接触', '需求确认', '方案报价', '商务谈判'];
const MAPPING = [
  { column: 'A', field: '/company' },
  { column: 'B', field: '/contacts/*/name' },
  { column: 'C', field: '/contacts/*/mobile' },
  { column: 'D', field: '/contacts/*/email' },
  { column: 'E', field: '/stage' },
  { column: 'F', field: '/dealSize' },
  { column: 'G', field: '/nextContactAt' },
];

function sheet(from, count) {
  const lines = ['公司,联系人,手机,邮箱,阶段,预计成交金额（元）,下次联系日期'];
  for (let i = from; i < from + count; i++) {
    lines.push(
      `导入客户${i}有限公司,联系人${i % 1000},137${String(i).padStart(8, '0')},bulk${i}@customers.example,${STAGES[i % 4]},${(i % 90) + 1}万,2026年${(i % 12) + 1}月${(i % 28) + 1}日`,
    );
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

async function session(url) {
  const response = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'x-veil-csrf': '1', 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'rep-a', password: 'veil-demo-2026' }),
  });
  const cookie = response.headers.getSetCookie()[0].split(';')[0];
  const call = async (path, input, method = 'POST') => {
    const query = method === 'GET' ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
    const res = await fetch(`${url}/trpc/${path}${query}`, {
      method,
      headers: { 'x-veil-csrf': '1', 'content-type': 'application/json', cookie },
      ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
    });
    const body = await res.json();
    if (body.error) throw new Error(`${path}: ${body.error.message}`);
    return body.result.data;
  };
  const upload = async (bytes) => {
    const res = await fetch(`${url}/imports/upload`, {
      method: 'POST',
      headers: { 'x-veil-csrf': '1', cookie, 'x-veil-filename': 'bench.csv' },
      body: bytes,
    });
    return (await res.json()).uploadId;
  };
  return { call, upload };
}

async function importJob(api, bytes, sample) {
  const uploadId = await api.upload(bytes);
  const started = performance.now();
  const job = await api.call('imports.start', {
    uploadId,
    templateId: T,
    mapping: MAPPING,
    owner: { kind: 'importer' },
  });
  for (;;) {
    sample();
    // A poll may fail while the server's event loop is busy with the commit: ask again.
    const now = await api
      .call('imports.status', { jobId: job.id }, 'GET')
      .catch(() => ({ status: 'running' }));
    if (now.status !== 'running' && now.status !== 'committing') {
      if (now.status !== 'done') throw new Error(`import ${now.status}: ${now.reason}`);
      return { ms: performance.now() - started, created: now.created };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function dryRunMs(api, bytes) {
  const uploadId = await api.upload(bytes);
  const started = performance.now();
  const run = await api.call('imports.dryRun', {
    uploadId,
    templateId: T,
    mapping: MAPPING,
    owner: { kind: 'importer' },
  });
  return { ms: performance.now() - started, duplicates: run.duplicateCount };
}

async function withServer(fn) {
  const { startServer } = await import(serverUrl.href);
  const root = await mkdtemp(join(tmpdir(), 'veil-bench-import-'));
  const server = await startServer({
    port: 0,
    dataDir: join(root, 'data'),
    keysDir: join(root, 'keys'),
    seed: { customers: 0 },
    logSink: () => {},
  });
  try {
    return await fn(await session(server.url));
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
}

export async function run({ size, smoke = false } = {}) {
  const rows = size ?? (smoke ? 200 : 100_000);
  const small = Math.max(10, Math.min(1_000, Math.floor(rows / 100)));
  const probe = Math.min(2_000, rows);
  const bytes = sheet(0, rows);
  const parseStarted = performance.now();
  parse(bytes.toString('utf8'), { relax_column_count: true });
  const parseMs = performance.now() - parseStarted;

  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const sampler = setInterval(sample, 50);
  const big = await withServer(async (api) => {
    const job = await importJob(api, bytes, sample);
    const dry = await dryRunMs(api, sheet(0, probe));
    return { job, dry };
  });
  clearInterval(sampler);
  const peakMb = peak / 2 ** 20;
  const few = await withServer(async (api) => {
    await importJob(api, sheet(0, small), () => {});
    return dryRunMs(api, sheet(0, probe));
  });
  const rowsPerS = (rows / big.job.ms) * 1000;
  const perRowSmall = few.ms / probe;
  const perRowBig = big.dry.ms / probe;
  return [
    {
      metric: `import ${rows} CSV rows through the job (rows/s)`,
      size: rows,
      figure: Math.round(rowsPerS),
      unit: 'rows/s',
      baseline: Math.round((rows / parseMs) * 1000),
      ratio: Number((parseMs / big.job.ms).toFixed(4)),
      created: big.job.created,
      peakRssMb: Math.round(peakMb),
      ...checkTarget(peakMb, '<=', 300, ' MB'),
    },
    {
      metric: `duplicate check per row, ${rows} vs ${small} existing customers`,
      size: rows,
      figure: Number(perRowBig.toFixed(3)),
      unit: 'ms/row',
      baseline: Number(perRowSmall.toFixed(3)),
      ratio: Number((perRowBig / perRowSmall).toFixed(3)),
      duplicatesFound: big.dry.duplicates,
      ...checkTarget(perRowBig / perRowSmall, '<=', 2, 'x'),
    },
  ];
}
