// `audit.list` at scale (issue 11, "the audit log at scale"): p95 of a page of 50 through the
// store's `listAudit` with 10k, 100k and 1M entries in the log — the newest page, one filtered by
// actor, and one further back by cursor. Target: ≤ 50 ms at every size, and within 2× of the
// 10k figure (the baseline of the same run). The log is written straight to the file (the same
// line format as the store's, via `formatAuditLine`), then the store is opened on it.
// Imports the built store (`pnpm build`).
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAll, checkTarget } from '../lib/target.mjs';

export const name = 'audit-list';
/** Writing a 1M-entry log takes a while: one run. */
export const harness = { warmup: 0, repetitions: 1 };

const storeUrl = new URL('../../packages/store/dist/index.js', import.meta.url);
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const p95 = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))];
};

async function writeLog({ formatAuditLine, GENESIS_HASH }, path, count) {
  const handle = await open(path, 'w');
  let prev = GENESIS_HASH;
  let chunk = '';
  for (let seq = 1; seq <= count; seq++) {
    const { line, hash } = formatAuditLine(
      seq,
      prev,
      new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
      {
        actor: `user-${seq % 50}`,
        action: seq % 10 === 0 ? 'record.update' : 'record.read',
        target: `r${seq % 5000}`,
        details: {
          records: [{ ref: 'ref_x', id: `r${seq % 5000}`, fields: [{ path: '/phone', access: 'masked' }] }],
        },
      },
    );
    prev = hash;
    chunk += line;
    if (chunk.length > 4_000_000) {
      await handle.write(chunk);
      chunk = '';
    }
  }
  await handle.write(chunk);
  await handle.close();
}

async function pageP95(lib, root, count, samples) {
  const dataDir = join(root, `data-${count}`);
  const keysDir = join(root, `keys-${count}`);
  await (await lib.openLowdbStore({ dataDir, keysDir })).close();
  await writeLog(lib, join(dataDir, 'audit', 'audit.jsonl'), count);
  const store = await lib.openLowdbStore({ dataDir, keysDir });
  try {
    const cursor = String(Math.floor(count / 2));
    const kinds = [{ limit: 50 }, { limit: 50, actor: 'user-7' }, { limit: 50, cursor }];
    const times = [];
    for (let i = 0; i < samples; i++) {
      const filter = kinds[i % kinds.length];
      const start = process.hrtime.bigint();
      const page = await store.listAudit(filter);
      times.push(ms(start));
      if (page.entries.length === 0) throw new Error('an empty page');
    }
    return p95(times);
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function run({ size, smoke = false } = {}) {
  const lib = await import(storeUrl.href);
  const root = await mkdtemp(join(tmpdir(), 'veil-bench-audit-list-'));
  try {
    const sizes = size ? [size] : smoke ? [500, 2000] : [10_000, 100_000, 1_000_000];
    const figures = [];
    for (const count of sizes) figures.push({ count, p95: await pageP95(lib, root, count, smoke ? 6 : 30) });
    const base = figures[0].p95;
    return figures.map(({ count, p95: figure }) => ({
      metric: 'audit.list p95, page of 50',
      size: count,
      figure: Number(figure.toFixed(2)),
      unit: 'ms',
      baseline: Number(base.toFixed(2)),
      baselineLabel: `the same page at ${sizes[0]} entries (this run)`,
      ratio: figure / base,
      ...checkAll(checkTarget(figure, '<=', 50, ' ms'), checkTarget(figure / base, '<=', 2, 'x')),
    }));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
