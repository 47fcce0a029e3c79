// Data-subject rights and retention (issue 16) on the embedded store: subject search through the
// blind index (p95), retention preview (records per second) and a retention run with erasing
// writes (records per second). Imports the built packages (`pnpm build`).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePolicy } from '../../packages/policy/dist/index.js';
import { DEFAULT_WORKSPACE_POLICY, parseTemplate } from '../../packages/schema/dist/index.js';

const storeUrl = new URL('../../packages/store/dist/index.js', import.meta.url);
const T = 'rights-bench';
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const personal = (extra) => ({
  level: 'confidential',
  categories: ['contact'],
  purpose: 'contact',
  basis: 'contract',
  ...extra,
});
const TEMPLATE = {
  id: T,
  version: 1,
  title: 'Rights bench',
  owner: '/owner',
  subject: ['/phone'],
  schema: {
    type: 'object',
    title: 'Rights bench',
    required: ['owner'],
    properties: {
      owner: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
      phone: {
        type: 'string',
        title: 'Phone',
        format: 'cn-mobile',
        'x-privacy': personal({
          encrypt: true,
          search: 'exact',
          retention: { days: 730, after: 'updatedAt', action: 'delete' },
        }),
      },
      note: {
        type: 'string',
        title: 'Note',
        'x-privacy': personal({ retention: { days: 365, after: 'updatedAt', action: 'anonymize' } }),
      },
    },
  },
};
const KEYS = {
  hashToken: (v) => v.slice(0, 4),
  blindIndex: (p, v) => `${p}:${v}`,
  auditRef: (id) => `ref_${id}`,
};

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const p95 = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(0.95 * (samples.length - 1))];
const phoneOf = (i) => `139${String(i).padStart(8, '0')}`;

function recordOf(i) {
  // One in ten is past the note's retention (400 days old), one in a hundred past the phone's too.
  const age = i % 100 === 0 ? 800 : i % 10 === 0 ? 400 : 10;
  const at = new Date(NOW - age * DAY).toISOString();
  return {
    id: `r${String(i).padStart(7, '0')}`,
    templateId: T,
    templateVersion: 1,
    version: 1,
    createdAt: at,
    updatedAt: at,
    data: { owner: `u${i % 20}`, phone: phoneOf(i), note: `note ${i}` },
  };
}

async function allPages(store, visit) {
  let cursor = null;
  let n = 0;
  do {
    const page = await store.queryRecords(T, {
      scope: { kind: 'all' },
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    visit(page.records);
    n += page.records.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

export const name = 'rights';
/** Slow (a 100k preload and a run that rewrites the due records): one run, no warm-up. */
export const harness = { warmup: 0, repetitions: 1 };

export async function run({ size, reps, smoke = false } = {}) {
  const { openLowdbStore } = await import(storeUrl.href);
  const n = size ?? (smoke ? 200 : 100_000);
  const lookups = Math.max(reps ?? 200, smoke ? 10 : 50);
  const root = await mkdtemp(join(tmpdir(), 'veil-bench-rights-'));
  try {
    const store = await openLowdbStore({ dataDir: join(root, 'data'), keysDir: join(root, 'keys') });
    const parsed = parseTemplate(TEMPLATE, DEFAULT_WORKSPACE_POLICY);
    if (parsed.status !== 'ok') throw new Error(`bench template: ${JSON.stringify(parsed.errors)}`);
    await store.registerTemplate(parsed.template);
    const policy = compilePolicy(parsed.template, DEFAULT_WORKSPACE_POLICY, { keys: KEYS, locale: 'en' });
    for (let start = 0; start < n; start += 500) {
      const batch = [];
      for (let i = start; i < Math.min(n, start + 500); i++) {
        const record = recordOf(i);
        batch.push(
          store.createRecord({
            record,
            audit: { actor: 'u1', action: 'record.create', target: record.id, details: {} },
          }),
        );
      }
      await Promise.all(batch);
    }

    const search = [];
    const byId = [];
    for (let k = -5; k < lookups; k++) {
      const i = (((k * 7919) % n) + n) % n;
      let start = process.hrtime.bigint();
      const page = await store.queryRecords(T, {
        match: [{ field: '/phone', value: phoneOf(i) }],
        scope: { kind: 'all' },
      });
      if (page.records.length !== 1) throw new Error('subject search missed');
      if (k >= 0) search.push(ms(start));
      start = process.hrtime.bigint();
      await store.getRecord(T, recordOf(i).id);
      if (k >= 0) byId.push(ms(start));
    }

    const now = new Date(NOW).toISOString();
    await allPages(store, () => undefined); // builds the sort index the pages read from
    let start = process.hrtime.bigint();
    await allPages(store, () => undefined);
    const pagingMs = ms(start);
    const due = [];
    start = process.hrtime.bigint();
    await allPages(store, (records) => {
      const steps = policy.planRetention(records, now);
      const byRecord = new Map(records.map((r) => [r.id, r]));
      const grouped = new Map();
      for (const step of steps) grouped.set(step.recordId, [...(grouped.get(step.recordId) ?? []), step]);
      for (const [id, list] of grouped) due.push({ record: byRecord.get(id), steps: list });
    });
    const previewMs = ms(start);

    start = process.hrtime.bigint();
    for (let from = 0; from < due.length; from += 100) {
      const steps = [];
      for (const { record, steps: list } of due.slice(from, from + 100)) {
        let next = record;
        for (const step of list) if (next !== null) next = policy.applyRetentionStep(next, step);
        steps.push(
          next === null
            ? { kind: 'deleteRecord', templateId: T, id: record.id, erase: true }
            : {
                kind: 'updateRecord',
                record: { ...next, version: record.version + 1 },
                expectedVersion: record.version,
                supersededBy: 'u1',
                erase: true,
              },
        );
      }
      await store.commit({
        steps,
        audit: [{ actor: 'u1', action: 'retention.apply', target: 'chunk', details: {} }],
      });
    }
    const runMs = ms(start);
    await store.close();

    const previewRate = (n / previewMs) * 1000;
    const pagingRate = (n / pagingMs) * 1000;
    const runRate = (due.length / runMs) * 1000;
    return [
      {
        metric: 'subject search p95 (blind-index match)',
        size: n,
        figure: p95(search),
        unit: 'ms',
        baseline: p95(byId),
        baselineLabel: 'getRecord by id p95, same store',
        ratio: p95(search) / p95(byId),
      },
      {
        metric: 'retention preview',
        size: n,
        figure: previewRate,
        unit: 'records/s',
        baseline: pagingRate,
        baselineLabel: 'paging every record without planning',
        ratio: previewRate / pagingRate,
      },
      {
        metric: `retention run (${due.length} due records, erasing writes)`,
        size: n,
        figure: runRate,
        unit: 'records/s',
        baseline: previewRate,
        baselineLabel: 'retention preview rate',
        ratio: runRate / previewRate,
      },
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
