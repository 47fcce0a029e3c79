// API list endpoint under load (issue 7): `records.list` of the demo template, the pipeline
// view's query (stage filter + next-contact sort), page of 50, driven by autocannon against a
// real server in a child process (bench/lib/apiServer.mjs), as rep-a vs. as a principal of a
// bench role whose level defaults grant `full` at every level (same department, same row
// scope, so both list the same rows; only the field policy differs).
// Runs are alternated rep / full so that drift of a shared machine hits both alike.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { checkTarget } from '../lib/target.mjs';

export const name = 'api';

/** Seeding 20k–100k records is slow: one run; the suite alternates its own rounds. */
export const harness = { warmup: 0, repetitions: 1 };

const serverScript = fileURLToPath(new URL('../lib/apiServer.mjs', import.meta.url));
const PASSWORD = 'veil-demo-2026';
const LIST_INPUT = {
  templateId: 'b2b-follow-up',
  filters: [{ field: '/stage', op: 'in', value: ['lead', 'qualified', 'proposal', 'negotiation'] }],
  sort: [{ field: '/nextContactAt', dir: 'asc' }],
  limit: 50,
};
const LATENCY_TARGET = 1.3;

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

const listPath = `/trpc/records.list?input=${encodeURIComponent(JSON.stringify(LIST_INPUT))}`;

/** One request, checked: 50 rows, and what the principal sees masked. */
async function probe(url, headers) {
  const res = await fetch(`${url}${listPath}`, { headers });
  if (!res.ok)
    throw new Error(`records.list answered HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const body = await res.json();
  const data = body.result?.data;
  const rows = data?.rows ?? data?.records ?? [];
  const masked = rows.reduce((n, r) => n + (r.masked?.length ?? 0), 0);
  return { rows: rows.length, total: data?.total, masked, bytes: JSON.stringify(body).length };
}

function load(url, headers, seconds, connections) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `${url}${listPath}`, headers, duration: seconds, connections, pipelining: 1 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

function merge(results) {
  const p = (key) => results.map((r) => r.latency[key]).sort((a, b) => a - b);
  const mid = (xs) => xs[Math.floor((xs.length - 1) / 2)];
  return {
    p50: mid(p('p50')),
    p99: mid(p('p99')),
    rps: mid(results.map((r) => r.requests.average).sort((a, b) => a - b)),
    requests: results.reduce((n, r) => n + r.requests.total, 0),
    errors: results.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
  };
}

async function benchSize(records, { smoke }) {
  const root = await mkdtemp(join(tmpdir(), 'veil-bench-api-'));
  const server = await startChild(root, records);
  try {
    const principals = { rep: await login(server.url, 'rep-a'), full: await login(server.url, 'bench-full') };
    const probes = {
      rep: await probe(server.url, principals.rep),
      full: await probe(server.url, principals.full),
    };
    if (!smoke && probes.rep.rows !== probes.full.rows) {
      throw new Error(
        `rep and full principals list different pages (${probes.rep.rows} vs ${probes.full.rows} rows)`,
      );
    }
    const connections = smoke ? 2 : 10;
    const seconds = smoke ? 1 : 5;
    const rounds = smoke ? 1 : 3;
    // Warm-up: JIT, policy compilation and caches for both principals.
    await load(server.url, principals.rep, smoke ? 1 : 2, connections);
    await load(server.url, principals.full, smoke ? 1 : 2, connections);
    const runs = { rep: [], full: [] };
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? ['rep', 'full'] : ['full', 'rep'];
      for (const who of order) runs[who].push(await load(server.url, principals[who], seconds, connections));
    }
    const rep = merge(runs.rep);
    const full = merge(runs.full);
    const common = {
      size: records,
      baselineLabel: `same endpoint and rows as a principal whose bench role reads every level in full`,
      connections,
      seconds_per_round: seconds,
      rounds,
      seed_ms: Math.round(server.seedMs),
      rows_per_page: probes.rep.rows,
      rows_in_scope: { rep: probes.rep.total, full: probes.full.total },
      masked_values_per_page: { rep: probes.rep.masked, full: probes.full.masked },
      requests: { rep: rep.requests, full: full.requests },
      errors: { rep: rep.errors, full: full.errors },
    };
    return [
      {
        metric: 'records.list p50 latency, rep',
        figure: rep.p50,
        unit: 'ms',
        baseline: full.p50,
        ratio: rep.p50 / full.p50,
        ...checkTarget(rep.p50 / full.p50, '<=', LATENCY_TARGET, 'x'),
        ...common,
      },
      {
        metric: 'records.list p99 latency, rep',
        figure: rep.p99,
        unit: 'ms',
        baseline: full.p99,
        ratio: rep.p99 / full.p99,
        ...checkTarget(rep.p99 / full.p99, '<=', LATENCY_TARGET, 'x'),
        ...common,
      },
      {
        metric: 'records.list throughput, rep',
        figure: rep.rps,
        unit: 'req/s',
        baseline: full.rps,
        ratio: rep.rps / full.rps,
        target: 'reported',
        ...common,
      },
    ];
  } finally {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
}

export async function run({ size, smoke = false } = {}) {
  const sizes = size ? [size] : smoke ? [200] : [2_000, 20_000];
  const rows = [];
  for (const n of sizes) rows.push(...(await benchSize(n, { smoke })));
  return rows;
}
