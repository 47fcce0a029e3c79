// Store benchmarks (@veil/store): durable create, filtered list, audit append, audit verify.
// Imports the built package (`pnpm --filter @veil/store build`).
import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSONFile } from '../../packages/store/node_modules/lowdb/lib/adapters/node/JSONFile.js';
import { Low } from '../../packages/store/node_modules/lowdb/lib/core/Low.js';

const storeUrl = new URL('../../packages/store/dist/index.js', import.meta.url);

function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const STAGES = ['lead', 'contacted', 'won', 'lost'];

function makeRecord(i) {
  return {
    id: `r${String(i).padStart(7, '0')}`,
    templateId: 'followup',
    templateVersion: 1,
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    data: {
      owner: `u${i % 20}`,
      stage: STAGES[i % 4],
      amount: (i * 7919) % 100000,
      name: `Customer ${i}`,
      phone: `138${String(i).padStart(8, '0')}`,
    },
  };
}
const createAudit = (id) => ({ actor: 'u1', action: 'record.create', target: id, details: { records: [] } });

async function preload(store, size) {
  const inFlight = 500;
  for (let start = 0; start < size; start += inFlight) {
    const batch = [];
    for (let i = start; i < Math.min(size, start + inFlight); i++) {
      const record = makeRecord(i);
      batch.push(store.createRecord({ record, audit: createAudit(record.id) }));
    }
    await Promise.all(batch);
  }
}

async function benchCreateAndList({ openLowdbStore }, size, reps, root) {
  const store = await openLowdbStore({
    dataDir: join(root, `data-${size}`),
    keysDir: join(root, `keys-${size}`),
  });
  await preload(store, size);
  const create = [];
  for (let i = 0; i < reps; i++) {
    const record = makeRecord(size + i);
    const start = process.hrtime.bigint();
    await store.createRecord({ record, audit: createAudit(record.id) });
    create.push(ms(start));
  }
  const list = [];
  for (let i = -5; i < reps; i++) {
    const start = process.hrtime.bigint();
    await store.queryRecords('followup', {
      filters: [{ field: '/stage', op: 'eq', value: STAGES[i % 4] }],
      sort: [
        { field: '/amount', dir: 'desc' },
        { field: '/name', dir: 'asc' },
      ],
      limit: 50,
    });
    if (i >= 0) list.push(ms(start)); // the first five warm up the JIT
  }
  await store.close();

  // Baseline: one plain lowdb file holding the same records (stock adapter: no fsync).
  const plain = new Low(new JSONFile(join(root, `plain-${size}.json`)), { records: [] });
  for (let i = 0; i < size; i++) plain.data.records.push(makeRecord(i));
  await plain.write();
  const plainCreate = [];
  const plainReps = Math.min(reps, size >= 100_000 ? 10 : reps);
  for (let i = 0; i < plainReps; i++) {
    const start = process.hrtime.bigint();
    plain.data.records.push(makeRecord(size + i));
    await plain.write();
    plainCreate.push(ms(start));
  }
  // Baseline for listing: the same filter, sort and page over a plain in-memory array.
  const plainList = [];
  for (let i = -5; i < reps; i++) {
    const stage = STAGES[((i % 4) + 4) % 4];
    const start = process.hrtime.bigint();
    plain.data.records
      .filter((r) => r.data.stage === stage)
      .sort((x, y) => y.data.amount - x.data.amount || (x.data.name < y.data.name ? -1 : 1))
      .slice(0, 50)
      .map((r) => structuredClone(r));
    if (i >= 0) plainList.push(ms(start));
  }
  const c = stats(create);
  const p = stats(plainCreate);
  const l = stats(list);
  const pl = stats(plainList);
  const plainLabel = 'one plain lowdb file, same records (stock adapter, no fsync)';
  return [
    {
      metric: 'durable create p50',
      size,
      figure: c.p50,
      unit: 'ms',
      baseline: p.p50,
      baselineLabel: plainLabel,
      ratio: c.p50 / p.p50,
    },
    {
      metric: 'durable create p95',
      size,
      figure: c.p95,
      unit: 'ms',
      baseline: p.p95,
      baselineLabel: plainLabel,
      ratio: c.p95 / p.p95,
    },
    {
      metric: 'list p95, page of 50, filter + 2-key sort',
      size,
      figure: l.p95,
      unit: 'ms',
      baseline: pl.p95,
      baselineLabel: 'filter + sort + slice of a plain array',
      ratio: l.p95 / pl.p95,
    },
  ];
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One batch of `n` appends through the store's API, all in flight (they group-commit together). */
async function appendBatch(store, n, first) {
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: n }, (_, j) =>
      store.appendAudit({
        actor: `u${j % 50}`,
        action: 'record.read',
        target: `r${first + j}`,
        details: {
          records: [{ ref: 'ref_x', id: `r${first + j}`, fields: [{ path: '/phone', access: 'masked' }] }],
        },
      }),
    ),
  );
  return ms(start);
}

/** The same lines written by a bare loop (no store, no promises per entry), with fsync per 1,000. */
async function appendPlain(count, root) {
  const handle = await open(join(root, 'plain-audit.jsonl'), 'w');
  const start = process.hrtime.bigint();
  let seq = 0;
  for (let i = 0; i < count; i += 1000) {
    let chunk = '';
    for (let j = 0; j < Math.min(1000, count - i); j++) {
      seq += 1;
      chunk += `${JSON.stringify({ seq, at: new Date().toISOString(), actor: `u${j % 50}`, action: 'record.read', target: `r${seq}`, details: { records: [{ ref: 'ref_x', id: `r${seq}`, fields: [{ path: '/phone', access: 'masked' }] }] } })}\n`;
    }
    await handle.write(chunk);
    await handle.datasync();
  }
  const time = ms(start);
  await handle.close();
  return time;
}

async function benchAuditAppend({ openLowdbStore }, count, rounds, root) {
  const open = (name, extra) =>
    openLowdbStore({ dataDir: join(root, `${name}-data`), keysDir: join(root, `${name}-keys`), ...extra });
  const hashedStore = await open('audit-h', {});
  const unhashedStore = await open('audit-u', { unhashedAuditForBenchmark: true });
  // The two stores take turns batch by batch (alternating who goes first), so a busy moment on
  // this shared machine falls on both; per round, the time of `count` appends in each.
  const hashed = [];
  const unhashed = [];
  const inFlight = 1000;
  for (let r = 0; r < rounds; r++) {
    let h = 0;
    let u = 0;
    for (let i = 0; i < count; i += inFlight) {
      const n = Math.min(inFlight, count - i);
      if ((i / inFlight) % 2 === 0) {
        h += await appendBatch(hashedStore, n, i);
        u += await appendBatch(unhashedStore, n, i);
      } else {
        u += await appendBatch(unhashedStore, n, i);
        h += await appendBatch(hashedStore, n, i);
      }
    }
    hashed.push(h);
    unhashed.push(u);
  }
  await hashedStore.close();
  await unhashedStore.close();
  const plain = await appendPlain(count, root);
  const ratios = hashed.map((h, r) => h / unhashed[r]);
  const h = median(hashed);
  const u = median(unhashed);
  const rate = (count / h) * 1000;
  const baseRate = (count / u) * 1000;
  const timeRatio = median(ratios);
  return [
    {
      metric: 'audit append rate',
      size: count,
      figure: rate,
      unit: 'events/s',
      baseline: baseRate,
      baselineLabel:
        'the same appends through the same store code path with the SHA-256 replaced by a constant (group-commit batches of 1,000, fsync per batch, batches interleaved)',
      ratio: rate / baseRate,
      target: '>= 10,000/s and time <= 1.3x unhashed',
      met: rate >= 10_000 && timeRatio <= 1.3,
      time_ratio: timeRatio,
      rounds,
      hashed_ms: hashed.map((t) => Math.round(t)),
      unhashed_ms: unhashed.map((t) => Math.round(t)),
      plain_loop_rate: (count / plain) * 1000,
      plain_loop_label: 'bare loop: JSON.stringify + one write + datasync per 1,000, no store, no promises',
    },
  ];
}

async function benchAuditVerify(
  { formatAuditLine, scanAuditBytes, scanAuditStream, hashAuditJson, GENESIS_HASH },
  count,
  rounds,
  root,
) {
  const path = join(root, 'verify.jsonl');
  const handle = await open(path, 'w');
  let prev = GENESIS_HASH;
  let chunk = '';
  for (let seq = 1; seq <= count; seq++) {
    const { line, hash } = formatAuditLine(seq, prev, '2024-01-01T00:00:00.000Z', {
      actor: `u${seq % 50}`,
      action: 'record.read',
      target: `r${seq}`,
      details: { records: [{ ref: 'ref_x', id: `r${seq}`, fields: [{ path: '/phone', access: 'masked' }] }] },
    });
    prev = hash;
    chunk += line;
    if (chunk.length > 4_000_000) {
      await handle.write(chunk);
      chunk = '';
    }
  }
  await handle.write(chunk);
  await handle.close();
  const bytes = await readFile(path);
  const verify = [];
  const fromFile = [];
  const baseline = [];
  const createHashBaseline = [];
  for (let r = 0; r < rounds; r++) {
    let start = process.hrtime.bigint();
    const { result, failure } = scanAuditBytes(bytes);
    verify.push(ms(start));
    if (failure || result.count !== count) throw new Error('verify failed on a clean chain');
    // End to end: streamed from the file in 8 MB chunks (as `verifyAudit` does).
    const reader = await open(path, 'r');
    start = process.hrtime.bigint();
    const streamed = await scanAuditStream(
      async (buffer, offset, length, position) =>
        (await reader.read(buffer, offset, length, position)).bytesRead,
      bytes.length,
    );
    fromFile.push(ms(start));
    await reader.close();
    if (streamed.failure || streamed.result.count !== count) throw new Error('streamed verify failed');
    // Baseline: one SHA-256 per entry over the same bytes (the same hash call the verifier makes).
    start = process.hrtime.bigint();
    let pos = 0;
    while (pos < bytes.length) {
      const end = bytes.indexOf(0x0a, pos);
      hashAuditJson(bytes.subarray(pos, end));
      pos = end + 1;
    }
    baseline.push(ms(start));
    start = process.hrtime.bigint();
    pos = 0;
    while (pos < bytes.length) {
      const end = bytes.indexOf(0x0a, pos);
      createHash('sha256').update(bytes.subarray(pos, end)).digest('hex');
      pos = end + 1;
    }
    createHashBaseline.push(ms(start));
  }
  await writeFile(path, '');
  const v = median(verify);
  const b = median(baseline);
  return [
    {
      metric: 'audit verify',
      size: count,
      figure: v,
      unit: 'ms',
      baseline: b,
      baselineLabel: 'one SHA-256 per entry over the same bytes (crypto.hash, as the verifier)',
      ratio: v / b,
      target: '<= 2x',
      met: v / b <= 2,
      rounds,
      from_file_ms: median(fromFile),
      from_file_ratio: median(fromFile) / b,
      createHash_baseline_ms: median(createHashBaseline),
      ratio_vs_createHash: v / median(createHashBaseline),
    },
  ];
}

export const name = 'store';

/** Slow (100k preloads, a 1M-entry log): one run, no warm-up. */
export const harness = { warmup: 0, repetitions: 1 };

export async function run({ size, reps, smoke = false } = {}) {
  const lib = await import(storeUrl.href);
  const root = await mkdtemp(join(tmpdir(), 'veil-bench-store-'));
  try {
    const sizes = size ? [size] : smoke ? [200] : [1000, 10_000, 100_000];
    const inner = Math.max(reps ?? 50, smoke ? 10 : 20);
    const rows = [];
    for (const n of sizes) rows.push(...(await benchCreateAndList(lib, n, inner, root)));
    rows.push(...(await benchAuditAppend(lib, smoke ? 5000 : 50_000, smoke ? 1 : 5, root)));
    rows.push(...(await benchAuditVerify(lib, smoke ? 10_000 : 1_000_000, smoke ? 1 : 3, root)));
    return rows;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
