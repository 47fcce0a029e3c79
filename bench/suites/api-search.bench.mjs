// Search, group-by and the plain list through the API (issue 10), at 2k / 20k / 100k records.
// A real server in a child process (bench/lib/apiServer.mjs), two clients sending back to back:
//   - `records.list` with a case-insensitive substring search on /company (page of 50),
//   - `records.list` grouped by /stage (counts; page of 50),
// each as rep-a and as the bench principal whose level defaults grant `full` everywhere.
// Then, with sequential requests, the server process's CPU time per plain `records.list`
// (the pipeline view's query, page of 50) read from /proc/<pid>/stat (Linux), and the size of the
// `record.list` audit entry such a list writes (read back as the admin through `audit.list`).
// p95 growth is stated per size step (p95(n) / p95(previous n) against n / previous n).
//
// Sizes: 2k, 20k and 100k (`--size N` runs one size).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { checkTarget } from '../lib/target.mjs';

export const name = 'api-search';

/** Seeding 20k–100k records is slow: one run; the suite alternates its own rounds. */
export const harness = { warmup: 0, repetitions: 1, budgetS: 900 };

const serverScript = fileURLToPath(new URL('../lib/apiServer.mjs', import.meta.url));
const PASSWORD = 'veil-demo-2026';
const TEMPLATE = 'b2b-follow-up';
/** Matches about one company in 100 ("Demo Co. 0000" … every 10th id block): a selective search. */
const SEARCH_INPUT = {
  templateId: TEMPLATE,
  search: { text: 'demo co. 0012', fields: ['/company'] },
  sort: [{ field: '/nextContactAt', dir: 'asc' }],
  limit: 50,
};
const GROUP_INPUT = {
  templateId: TEMPLATE,
  filters: [{ field: '/stage', op: 'in', value: ['lead', 'qualified', 'proposal', 'negotiation'] }],
  groupBy: ['/stage'],
  limit: 50,
};
const LIST_INPUT = {
  templateId: TEMPLATE,
  filters: [{ field: '/stage', op: 'in', value: ['lead', 'qualified', 'proposal', 'negotiation'] }],
  sort: [{ field: '/nextContactAt', dir: 'asc' }],
  limit: 50,
};
const CPU_TARGET_MS = 2;
const AUDIT_TARGET_BYTES = 1024;
const pathOf = (procedure, input) => `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

async function startChild(root, records) {
  const child = spawn(process.execPath, [serverScript, root, String(records)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}): ${stderr.slice(0, 500)}`)));
  });
  return {
    ...ready,
    pid: child.pid,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGTERM'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function login(url, username) {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-veil-csrf': '1' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: HTTP ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('veil_session='));
  if (!cookie) throw new Error(`login as ${username} set no veil_session cookie`);
  return { cookie, 'x-veil-csrf': '1' };
}

async function call(url, path, headers) {
  const res = await fetch(`${url}${path}`, { headers });
  if (!res.ok)
    throw new Error(`${path.slice(0, 40)} answered HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()).result?.data;
}

/**
 * `connections` workers send the request back to back until `seconds` have passed and at least
 * `minRequests` answered; every latency is kept (autocannon reports no p95, and times out on the
 * slow baseline requests at 100k).
 */
async function load(url, path, headers, { seconds, connections, minRequests }) {
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline || latencies.length + errors < minRequests) {
      const t = performance.now();
      try {
        const res = await fetch(`${url}${path}`, { headers });
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - t);
        else errors += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return { latencies, errors };
}

function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function merge(results) {
  const all = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const round = (x) => Math.round(x * 10) / 10;
  return {
    p50: round(quantile(all, 0.5)),
    p95: round(quantile(all, 0.95)),
    requests: all.length,
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

/** utime + stime of a process in ms (Linux /proc; clock ticks of 100 Hz). */
function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Server CPU per request: `n` sequential requests, CPU of the server process before and after. */
async function cpuPerRequest(url, pid, path, headers, n) {
  for (let i = 0; i < 20; i++) await call(url, path, headers);
  const before = cpuMsOf(pid);
  for (let i = 0; i < n; i++) await call(url, path, headers);
  return (cpuMsOf(pid) - before) / n;
}

async function auditEntryBytes(url, admin, rep) {
  await call(url, pathOf('records.list', LIST_INPUT), rep);
  const data = await call(url, pathOf('audit.list', { action: 'record.list', limit: 1 }), admin);
  const entry = data?.entries?.[0];
  if (!entry) throw new Error('no record.list audit entry found');
  return Buffer.byteLength(JSON.stringify(entry));
}

async function benchSize(records, { smoke }) {
  const root = await mkdtemp(join(tmpdir(), 'veil-bench-search-'));
  const server = await startChild(root, records);
  try {
    const principals = { rep: await login(server.url, 'rep-a'), full: await login(server.url, 'bench-full') };
    const admin = await login(server.url, 'admin');
    const cases = {
      search: pathOf('records.list', SEARCH_INPUT),
      groupBy: pathOf('records.list', GROUP_INPUT),
    };
    const probes = {};
    for (const [key, path] of Object.entries(cases)) {
      const rep = await call(server.url, path, principals.rep);
      const full = await call(server.url, path, principals.full);
      probes[key] = {
        rows: rep.rows.length,
        total: rep.total,
        groups: rep.groups?.length,
        fullTotal: full.total,
      };
    }
    const connections = 2;
    const seconds = smoke ? 1 : 4;
    const rounds = smoke ? 1 : 2;
    const shape = { seconds, connections, minRequests: smoke ? 2 : 6 };
    const out = [];
    const latency = {};
    for (const [key, path] of Object.entries(cases)) {
      await load(server.url, path, principals.rep, { seconds: smoke ? 0.5 : 1, connections, minRequests: 2 });
      const runs = { rep: [], full: [] };
      for (let i = 0; i < rounds; i++) {
        const order = i % 2 === 0 ? ['rep', 'full'] : ['full', 'rep'];
        for (const who of order) runs[who].push(await load(server.url, path, principals[who], shape));
      }
      const rep = merge(runs.rep);
      const full = merge(runs.full);
      latency[key] = { rep, full };
      const common = {
        size: records,
        baselineLabel: 'same request as the full-access bench principal',
        connections,
        seconds_per_round: seconds,
        rounds,
        seed_ms: Math.round(server.seedMs),
        probe: probes[key],
        requests: { rep: rep.requests, full: full.requests },
        errors: { rep: rep.errors, full: full.errors },
      };
      for (const q of ['p50', 'p95']) {
        out.push({
          metric: `records.list ${key} ${q} latency, rep`,
          figure: rep[q],
          unit: 'ms',
          baseline: full[q],
          ratio: rep[q] / full[q],
          target: 'reported',
          ...common,
        });
      }
    }
    const list = pathOf('records.list', LIST_INPUT);
    const n = smoke ? 20 : 200;
    for (const who of ['rep', 'full']) {
      const ms = await cpuPerRequest(server.url, server.pid, list, principals[who], n);
      out.push({
        metric: `records.list server CPU per request, ${who}`,
        figure: ms,
        unit: 'ms',
        baseline: CPU_TARGET_MS,
        ratio: ms / CPU_TARGET_MS,
        ...checkTarget(ms, '<=', CPU_TARGET_MS, 'ms'),
        size: records,
        requests: n,
      });
    }
    const bytes = await auditEntryBytes(server.url, admin, principals.rep);
    out.push({
      metric: 'record.list audit entry size (page of 50)',
      figure: bytes,
      unit: 'B',
      baseline: AUDIT_TARGET_BYTES,
      ratio: bytes / AUDIT_TARGET_BYTES,
      ...checkTarget(bytes, '<=', AUDIT_TARGET_BYTES, 'B'),
      size: records,
    });
    return out;
  } finally {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
}

/** p95 growth between consecutive sizes: how p95 scales against how the size scales. */
function growthRows(rows) {
  const out = [];
  for (const metric of ['records.list search p95 latency, rep', 'records.list groupBy p95 latency, rep']) {
    const series = rows.filter((r) => r.metric === metric).sort((a, b) => a.size - b.size);
    for (let i = 1; i < series.length; i++) {
      const a = series[i - 1];
      const b = series[i];
      const sizeFactor = b.size / a.size;
      const growth = b.figure / a.figure;
      out.push({
        metric: `${metric.replace(' latency, rep', '')} growth ${a.size}→${b.size}`,
        figure: growth,
        unit: 'x',
        baseline: sizeFactor,
        ratio: growth / sizeFactor,
        target: '< 1x of linear',
        met: growth < sizeFactor,
        size: b.size,
      });
    }
  }
  return out;
}

export async function run({ size, smoke = false } = {}) {
  const sizes = size ? [size] : smoke ? [200] : [2_000, 20_000, 100_000];
  const rows = [];
  for (const n of sizes) rows.push(...(await benchSize(n, { smoke })));
  return [...rows, ...growthRows(rows)];
}
