// Login cost against the number of sessions (issue 11, defect 8): `auth.login` p50 over HTTP
// with 10, 10,000 and 100,000 past (revoked) sessions, and with 10,000 active ones. Past
// sessions are written straight into the store, then the server restarts (as after any
// deploy; its session prune also runs every 5 minutes) and logs in sequentially. Baseline: the
// 10-session figure of the same run; the target is a flat cost (≤ 1.5× the baseline).
// Imports the built server (`pnpm build`).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTarget } from '../lib/target.mjs';

export const name = 'login';
/** Writing 100k sessions takes a while: one run. */
export const harness = { warmup: 0, repetitions: 1 };

const serverUrl = new URL('../../packages/server/dist/index.js', import.meta.url);
const PASSWORD = 'veil-demo-2026';
const FLAT_TARGET = 1.5;

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function writeSessions(store, count, { live }) {
  const now = Date.now();
  for (let start = 0; start < count; start += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, count - start) }, (_, k) => ({
      id: randomBytes(32).toString('hex'),
      userId: `user-rep-${'abc'[(start + k) % 3]}`,
      createdAt: new Date(now - 3_600_000).toISOString(),
      lastSeenAt: new Date(now - (live ? 60_000 : 3_600_000)).toISOString(),
      expiresAt: new Date(now + 6 * 3_600_000).toISOString(),
      revoked: !live,
    }));
    await Promise.all(batch.map((doc) => store.putDoc('sessions', doc)));
  }
}

async function loginP50(url, logins) {
  const samples = [];
  for (let i = 0; i < logins; i++) {
    const started = performance.now();
    const res = await fetch(`${url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-veil-csrf': '1' },
      body: JSON.stringify({ username: 'rep-a', password: PASSWORD }),
    });
    await res.text();
    if (!res.ok) throw new Error(`login failed: HTTP ${res.status}`);
    samples.push(performance.now() - started);
  }
  return quantile(
    samples.sort((a, b) => a - b),
    0.5,
  );
}

async function scenario(startServer, { past, active, logins, warmup }) {
  const root = await mkdtemp(join(tmpdir(), 'veil-bench-login-'));
  const options = {
    port: 0,
    dataDir: join(root, 'data'),
    keysDir: join(root, 'keys'),
    seed: { customers: 2 },
    logSink: () => undefined,
    config: { loginDelayMs: () => 0 },
  };
  try {
    let server = await startServer(options);
    await writeSessions(server.store, past, { live: false });
    await writeSessions(server.store, active, { live: true });
    await server.close();
    const restartStarted = performance.now();
    server = await startServer(options);
    const restartMs = performance.now() - restartStarted;
    const left = (await server.store.listDocs('sessions')).length;
    try {
      await loginP50(server.url, warmup);
      return { p50: await loginP50(server.url, logins), restartMs, left };
    } finally {
      await server.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function run({ smoke = false } = {}) {
  const { startServer } = await import(serverUrl.href);
  const logins = smoke ? 2 : 40;
  const warmup = smoke ? 1 : 3;
  const pasts = smoke ? [10, 100] : [10, 10_000, 100_000];
  const activeCount = smoke ? 100 : 10_000;
  const base = await scenario(startServer, { past: pasts[0], active: 0, logins, warmup });
  const rows = [];
  for (const past of pasts) {
    const result =
      past === pasts[0] ? base : await scenario(startServer, { past, active: 0, logins, warmup });
    rows.push({ metric: `login p50, ${past} past sessions`, size: past, ...result });
  }
  rows.push({
    metric: `login p50, ${activeCount} active sessions`,
    size: activeCount,
    ...(await scenario(startServer, { past: 0, active: activeCount, logins, warmup })),
  });
  return rows.map(({ p50, restartMs, left, ...row }) => {
    const ratio = p50 / base.p50;
    return {
      ...row,
      figure: Number(p50.toFixed(2)),
      unit: 'ms',
      baseline: Number(base.p50.toFixed(2)),
      ratio: Number(ratio.toFixed(3)),
      ...checkTarget(ratio, '<=', FLAT_TARGET, 'x'),
      restartMs: Math.round(restartMs),
      sessionsAfterRestart: left,
    };
  });
}
