import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VeilRecord } from '@veil/policy';
import { DEMO_PASSWORD, type RunningServer, startServer } from '@veil/server';
import { type FileSystem, KEY_FILES, nodeFileSystem } from '@veil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClient } from './api/apiHarness.js';

// Issue 11, "Done when": a fault-injection test — shard deleted, shard byte flipped (value and
// owner), WAL truncated, users.json deleted, keys damaged, disk full — each ending in full
// recovery or a refusal that names the file, never in a silent change.

const T = 'b2b-follow-up';
const root = await mkdtemp(join(tmpdir(), 'veil-faults-'));
afterAll(() => rm(root, { recursive: true, force: true }));
const quiet = { port: 0, logSink: () => undefined, config: { loginDelayMs: () => 0 } };

interface Truth {
  records: Map<string, VeilRecord>;
  auditCount: number;
}
/** Two prepared folders: `fresh` (seeded, its WAL still holding the seed) and `cut` (reopened: the WAL cut, in the manifest). */
const base = { fresh: join(root, 'fresh'), cut: join(root, 'cut') };
let truth: Truth;

async function snapshot(server: RunningServer): Promise<Truth> {
  const page = await server.store.queryRecords(T, { limit: 1000 });
  const verified = await server.store.verifyAudit();
  if (!verified.ok) throw new Error('the prepared audit log does not verify');
  return { records: new Map(page.records.map((r) => [r.id, r])), auditCount: verified.count };
}

beforeAll(async () => {
  const server = await startServer({
    ...quiet,
    dataDir: join(base.fresh, 'data'),
    keysDir: join(base.fresh, 'keys'),
    seed: { customers: 12 },
  });
  truth = await snapshot(server);
  await server.close();
  await cp(base.fresh, base.cut, { recursive: true });
  const reopened = await startServer({
    ...quiet,
    dataDir: join(base.cut, 'data'),
    keysDir: join(base.cut, 'keys'),
    seed: false,
  });
  await reopened.close();
});

let n = 0;
/** A copy of a prepared folder pair to damage. */
async function copyOf(which: keyof typeof base): Promise<{ dataDir: string; keysDir: string }> {
  n += 1;
  const dir = join(root, `case${n}`);
  await cp(base[which], dir, { recursive: true });
  return { dataDir: join(dir, 'data'), keysDir: join(dir, 'keys') };
}
const shardFile = (dataDir: string) => join(dataDir, 'records', T, '000000.json');

/** Starts and expects a refusal naming `file`; a second try is refused too (nothing was "repaired"). */
async function expectRefusal(folders: { dataDir: string; keysDir: string }, file: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const started = startServer({ ...quiet, ...folders, seed: false });
    await expect(started).rejects.toThrow(file);
  }
}

/**
 * Starts and checks there is no silent change: every record served equals what was written, every
 * record not served is named by `audit.verify` to an auditor, and the audit chain verifies.
 */
async function expectNoSilentChange(
  folders: { dataDir: string; keysDir: string },
  expected: { quarantined: string[]; extra?: number; rebuilt?: boolean },
  options: { fs?: FileSystem } = {},
): Promise<RunningServer> {
  const logs: string[] = [];
  const server = await startServer({
    ...quiet,
    ...folders,
    seed: false,
    logSink: (line) => logs.push(line),
    ...(options.fs ? { storeFileSystem: options.fs } : {}),
  });
  const served = new Map((await server.store.queryRecords(T, { limit: 1000 })).records.map((r) => [r.id, r]));
  for (const [id, record] of truth.records) {
    if (expected.quarantined.includes(id)) expect(served.has(id)).toBe(false);
    else expect(served.get(id)).toEqual(record);
  }
  expect(served.size).toBe(truth.records.size - expected.quarantined.length + (expected.extra ?? 0));
  const compliance = makeClient(server.url);
  await compliance.auth.login.mutate({ username: 'compliance', password: DEMO_PASSWORD });
  const verified = await compliance.audit.verify.query();
  expect(verified.ok).toBe(true);
  const problems = 'records' in verified ? verified.records.problems : [];
  const named = problems.flatMap((p) => ('recordId' in p ? [p.recordId] : []));
  expect(named.sort()).toEqual([...expected.quarantined].sort());
  const events = logs.map((l) => JSON.parse(l).event);
  expect(events.includes('store.quarantine')).toBe(expected.quarantined.length > 0);
  expect(events.includes('store.rebuilt')).toBe(expected.rebuilt === true);
  return server;
}

/** Rewrites one record in the shard file (a one-character change of `field`), keeping the file's length. */
async function flipInShard(
  dataDir: string,
  field: (data: Record<string, unknown>) => string,
): Promise<string> {
  const path = shardFile(dataDir);
  const text = await readFile(path, 'utf8');
  const shard = JSON.parse(text) as { records: VeilRecord[] };
  const victim = shard.records.find((r) => typeof r.data[field(r.data)] === 'string') as VeilRecord;
  const key = field(victim.data);
  const value = victim.data[key] as string;
  victim.data[key] = `${value.slice(0, -1)}${value.endsWith('a') ? 'b' : 'a'}`;
  const changed = JSON.stringify(shard);
  expect(changed.length).toBe(text.length);
  await writeFile(path, changed);
  return victim.id;
}
const ownerKey = (data: Record<string, unknown>) =>
  Object.keys(data).find((k) => typeof data[k] === 'string' && String(data[k]).startsWith('user-')) as string;
const plainTextKey = (data: Record<string, unknown>) =>
  Object.keys(data).find(
    (k) => k !== ownerKey(data) && typeof data[k] === 'string' && !String(data[k]).includes('-'),
  ) as string;

describe('fault matrix', () => {
  it('shard deleted, its records no longer in the WAL: refused, naming the shard', async () => {
    const folders = await copyOf('cut');
    await unlink(shardFile(folders.dataDir));
    await expectRefusal(folders, shardFile(folders.dataDir));
  });

  it('shard deleted while the WAL still holds it whole: rebuilt, said so, nothing changed', async () => {
    const folders = await copyOf('fresh');
    await unlink(shardFile(folders.dataDir));
    const server = await expectNoSilentChange(folders, { quarantined: [], rebuilt: true });
    await server.close();
    await readFile(shardFile(folders.dataDir)); // written back
  });

  it('shard byte flipped (a value) after the WAL was cut: refused, naming the shard', async () => {
    const folders = await copyOf('cut');
    await flipInShard(folders.dataDir, plainTextKey);
    await expectRefusal(folders, shardFile(folders.dataDir));
  });

  it('shard byte flipped (a value) in a shard the WAL still rewrites: that record quarantined and named, the rest unchanged', async () => {
    const folders = await copyOf('fresh');
    const victim = await flipInShard(folders.dataDir, plainTextKey);
    await (await expectNoSilentChange(folders, { quarantined: [victim] })).close();
  });

  it('shard byte flipped (the owner): quarantined and named, not moved to another rep', async () => {
    const folders = await copyOf('fresh');
    const victim = await flipInShard(folders.dataDir, ownerKey);
    await (await expectNoSilentChange(folders, { quarantined: [victim] })).close();
  });

  it('WAL truncated: a torn last line is dropped (full recovery); losing acknowledged batches is refused, naming the WAL', async () => {
    const torn = await copyOf('fresh');
    const tornWal = join(torn.dataDir, 'wal.jsonl');
    await writeFile(tornWal, `${await readFile(tornWal, 'utf8')}{"b":99999,"lines":"","ops":[{"t":"doc-`);
    await (await expectNoSilentChange(torn, { quarantined: [] })).close();

    for (const cutTo of ['half', 'zero'] as const) {
      const folders = await copyOf('fresh');
      const wal = join(folders.dataDir, 'wal.jsonl');
      const size = (await readFile(wal)).length;
      expect(size).toBeGreaterThan(0);
      await truncate(wal, cutTo === 'half' ? Math.floor(size / 2) : 0);
      await expectRefusal(folders, wal);
    }
  });

  it('WAL damaged in the middle: refused, naming the WAL', async () => {
    const folders = await copyOf('fresh');
    const wal = join(folders.dataDir, 'wal.jsonl');
    const lines = (await readFile(wal, 'utf8')).split('\n');
    expect(lines.length).toBeGreaterThan(3);
    lines[1] = `${(lines[1] as string).slice(0, 40)}#${(lines[1] as string).slice(41)}`;
    await writeFile(wal, lines.join('\n'));
    await expectRefusal(folders, wal);
  });

  it('users.json deleted: refused, naming it (never re-seeded)', async () => {
    const folders = await copyOf('cut');
    await unlink(join(folders.dataDir, 'collections', 'users.json'));
    await expectRefusal(folders, join(folders.dataDir, 'collections', 'users.json'));
  });

  it('keys damaged: a replaced blind-index key, a damaged signing key, a missing master key — each refused by name', async () => {
    const replaced = await copyOf('cut');
    await writeFile(join(replaced.keysDir, KEY_FILES.blindIndex), `${randomBytes(32).toString('base64')}\n`);
    await expectRefusal(replaced, join(replaced.keysDir, KEY_FILES.blindIndex));

    const damaged = await copyOf('cut');
    const signing = join(damaged.keysDir, KEY_FILES.signing);
    await writeFile(signing, (await readFile(signing, 'utf8')).slice(0, 50));
    await expectRefusal(damaged, signing);

    const missing = await copyOf('cut');
    await unlink(join(missing.keysDir, KEY_FILES.master));
    await expectRefusal(missing, join(missing.keysDir, KEY_FILES.master));
    expect(await readdir(missing.keysDir)).not.toContain(KEY_FILES.master);
  });

  it('disk full: writes refused and not stored, served again once space is free, everything acknowledged there after a restart', async () => {
    const folders = await copyOf('cut');
    let full = false;
    const enospc = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    const fillable: FileSystem = {
      ...nodeFileSystem,
      writeFile: async (path, data, options) => {
        if (!full) return nodeFileSystem.writeFile(path, data, options);
        await nodeFileSystem.writeFile(path, Buffer.from(data).subarray(0, 8), options);
        throw enospc();
      },
      appendFile: async (path, data, options) => {
        if (!full || Buffer.byteLength(data) === 0) return nodeFileSystem.appendFile(path, data, options);
        await nodeFileSystem.appendFile(path, Buffer.from(data).subarray(0, 8), options);
        throw enospc();
      },
    };
    const server = await expectNoSilentChange(folders, { quarantined: [] }, { fs: fillable });
    const rep = makeClient(server.url);
    await rep.auth.login.mutate({ username: 'rep-a', password: DEMO_PASSWORD });
    const create = (company: string) =>
      rep.records.create.mutate({
        templateId: T,
        changes: [
          { pointer: '/company', value: company },
          { pointer: '/stage', value: 'lead' },
        ],
      } as Parameters<typeof rep.records.create.mutate>[0]);
    full = true;
    await expect(create('Refused Co.')).rejects.toThrow(/disk is full/);
    expect((await server.store.queryRecords(T, { limit: 1000 })).total).toBe(truth.records.size);
    full = false;
    const stored = (await create('Stored Co.')).record;
    if (stored === null) throw new Error('the created record was not returned');
    await server.close();
    const restarted = await expectNoSilentChange(folders, { quarantined: [], extra: 1 });
    try {
      expect((await restarted.store.getRecord(T, stored.id))?.data.company).toBe('Stored Co.');
    } finally {
      await restarted.close();
    }
  });
});
