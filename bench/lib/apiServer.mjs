#!/usr/bin/env node
// A real Veil server for the API benchmark, in its own process so that the load generator
// (autocannon, in the parent) and the server do not share an event loop.
//
//   node bench/lib/apiServer.mjs <root> <records>
//
// First start: the demo workspace without demo customers, plus a `bench-full` role whose entry
// in every level default is `full` (and a user `bench-full` in rep-a's department, so both
// principals' row scope admits the same rows), plus <records> customers of the demo template
// written straight through the store. Then the server restarts on the same folders (cold
// caches, no seed) and prints one JSON line `{ "url": … }`; it stops when stdin closes.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const { startServer, DEMO_TEMPLATE } = await import(
  new URL('../../packages/server/dist/index.js', import.meta.url).href
);

const BENCH_ROLE = 'bench-full';
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const CHANNELS = ['phone', 'visit', 'wechat', 'email'];
const OWNERS = [
  'user-rep-a',
  'user-rep-b',
  'user-rep-c',
  'user-rep-a',
  'user-rep-b',
  'user-rep-c',
  'user-manager',
];
const NAMES = ['演示甲乙', '测试丙丁', '样例戊己', '虚构庚辛'];

function day(offset) {
  return new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** One customer of the demo template (same shape as the demo seed), deterministic in `i`. */
function customer(i) {
  const n = String(i).padStart(6, '0');
  const contacts = Array.from({ length: 1 + (i % 2) }, (_, k) => ({
    _id: `c${i}-${k + 1}`,
    name: NAMES[(i + k) % NAMES.length],
    position: '采购经理',
    mobile: `139${String((i * 10 + k) % 100_000_000).padStart(8, '0')}`,
    email: `demo${n}-${k + 1}@example.com`,
  }));
  const followUps = Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    _id: `f${i}-${k + 1}`,
    at: day(-10 * (k + 1)),
    channel: CHANNELS[(i + k) % CHANNELS.length],
    notes:
      k === 0 && i % 5 === 0
        ? `演示记录：客户说可以打 139${String(i % 100_000_000).padStart(8, '0')} 联系（虚构号码）。`
        : `演示记录 ${n}-${k + 1}：介绍了方案，约定下次再谈。`,
  }));
  return {
    id: `bench-${n}`,
    templateId: DEMO_TEMPLATE,
    templateVersion: 1,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    data: {
      ownerId: OWNERS[i % OWNERS.length],
      company: `演示客户 ${n} 有限公司 (Demo Co. ${n})`,
      contacts,
      dealSize: (i * 7919) % 3_000_000,
      stage: STAGES[i % STAGES.length],
      nextContactAt: day((i * 13) % 60),
      lastContactAt: day(-10),
      followUps,
    },
  };
}

/** The workspace policy with the bench role added: `full` at every level, the rep's row scope. */
function withBenchRole(policy) {
  const rep = policy.roles.find((r) => r.id === 'rep');
  const levelDefaults = {};
  for (const [level, defaults] of Object.entries(policy.levelDefaults)) {
    levelDefaults[level] = { ...defaults, access: { ...defaults.access, [BENCH_ROLE]: 'full' } };
  }
  return {
    ...policy,
    version: policy.version + 1,
    roles: [...policy.roles, { id: BENCH_ROLE, kind: 'staff', rowScope: rep?.rowScope ?? 'team' }],
    levelDefaults,
  };
}

async function prepare(dirs, records) {
  const server = await startServer({ ...dirs, port: 0, seed: { customers: 0 }, logSink: () => {} });
  const { store } = server;
  const system = { actor: 'system', details: { bench: true } };
  const workspace = await store.getDoc('workspace', 'workspace');
  await store.putDoc(
    'workspace',
    { ...workspace, policy: withBenchRole(workspace.policy) },
    { ...system, action: 'workspace.update', target: 'workspace' },
  );
  const rep = await store.getDoc('users', 'user-rep-a');
  await store.putDoc(
    'users',
    { ...rep, id: `user-${BENCH_ROLE}`, login: BENCH_ROLE, name: 'Bench (full)', roles: [BENCH_ROLE] },
    { ...system, action: 'user.create', target: `user-${BENCH_ROLE}` },
  );
  const inFlight = 500;
  for (let start = 0; start < records; start += inFlight) {
    const batch = [];
    for (let i = start; i < Math.min(records, start + inFlight); i++) {
      const record = customer(i);
      batch.push(
        store.createRecord({
          record,
          audit: { ...system, action: 'record.create', target: record.id },
        }),
      );
    }
    await Promise.all(batch);
  }
  await server.close();
}

/**
 * With `VEIL_BENCH_CPUPROFILE=<file>`, the served phase (not the seed) is CPU-profiled and the
 * profile written there when the server stops (open it in Chrome DevTools or speedscope).
 */
async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main() {
  const [root, count] = process.argv.slice(2);
  if (!root || !count) throw new Error('usage: apiServer.mjs <root> <records>');
  const dirs = { dataDir: join(root, 'data'), keysDir: join(root, 'keys') };
  const started = performance.now();
  await prepare(dirs, Number(count));
  const seedMs = performance.now() - started;
  const server = await startServer({ ...dirs, port: 0, seed: false, logSink: () => {} });
  const profile = process.env.VEIL_BENCH_CPUPROFILE ? await startProfile() : undefined;
  process.stdout.write(`${JSON.stringify({ url: server.url, seedMs })}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  if (profile) await profile.stop(process.env.VEIL_BENCH_CPUPROFILE);
  await server.close();
  await sleep(0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
