import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, startServer } from '@veil/server';
import { afterAll, describe, expect, it } from 'vitest';
import { failure, makeClient } from './api/apiHarness.js';

// Issue 11, defect 3 over HTTP: a one-byte change of a record's owner in a shard moved the
// customer to another rep — here from rep-a (East) to rep-c (West), who must never see it — or
// out of everyone's list, without a word.

const T = 'b2b-follow-up';
const root = await mkdtemp(join(tmpdir(), 'veil-integrity-api-'));
afterAll(() => rm(root, { recursive: true, force: true }));
const dataDir = join(root, 'data');
const keysDir = join(root, 'keys');
const options = { port: 0, dataDir, keysDir, config: { loginDelayMs: () => 0 } };

async function signedIn(url: string, login: string) {
  const client = makeClient(url);
  await client.auth.login.mutate({ username: login, password: DEMO_PASSWORD });
  return client;
}

describe('a record changed on disk over HTTP', () => {
  it('is not served as changed: it is quarantined, logged at start, and named by audit.verify', async () => {
    const first = await startServer({ ...options, seed: { customers: 12 }, logSink: () => undefined });
    const rep = await signedIn(first.url, 'rep-a');
    const seen = await rep.records.list.query({ templateId: T, limit: 100 });
    const victim = seen.rows.find((r) => r.data.ownerId === 'user-rep-a')?.id as string;
    expect(victim).toBeDefined();
    const seenBefore = seen.rows.length;
    await first.close();

    // One byte of the owner: rep-a's customer becomes rep-c's ("user-rep-a" → "user-rep-c"), and
    // the manifest's (unkeyed) hash is fixed too, as someone who knows the layout would.
    const folder = join(dataDir, 'records', T);
    let changedFile = '';
    for (const name of (await readdir(folder)).filter((f) => f.endsWith('.json'))) {
      const path = join(folder, name);
      const text = await readFile(path, 'utf8');
      const shard = JSON.parse(text) as { records: { id: string; data: Record<string, unknown> }[] };
      const target = shard.records.find((r) => r.id === victim);
      if (target === undefined) continue;
      const ownerKey = Object.keys(target.data).find((k) => target.data[k] === 'user-rep-a') as string;
      target.data[ownerKey] = 'user-rep-c';
      const changed = JSON.stringify(shard);
      expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(text));
      await writeFile(path, changed);
      changedFile = `records/${T}/${name}`;
      const manifestPath = join(dataDir, 'manifest.json');
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
      // (Shards the WAL still rewrites are not yet in it: then their bytes are vouched for by MACs alone.)
      if (manifest.files[changedFile])
        manifest.files[changedFile].hash = createHash('sha256').update(changed).digest('hex');
      await writeFile(manifestPath, JSON.stringify(manifest));
    }
    expect(changedFile).not.toBe('');

    const logs: string[] = [];
    const second = await startServer({ ...options, seed: false, logSink: (line) => logs.push(line) });
    try {
      const quarantine = logs.map((l) => JSON.parse(l)).find((l) => l.event === 'store.quarantine');
      expect(quarantine).toMatchObject({ level: 'error', status: 1 });
      const repA = await signedIn(second.url, 'rep-a');
      const repC = await signedIn(second.url, 'rep-c');
      const listA = await repA.records.list.query({ templateId: T, limit: 100 });
      expect(listA.rows.map((r) => r.id)).not.toContain(victim);
      expect(listA.rows).toHaveLength(seenBefore - 1);
      const listC = await repC.records.list.query({ templateId: T, limit: 100 });
      expect(listC.rows.map((r) => r.id)).not.toContain(victim);
      // Read by id it is refused for both (never served with the changed owner).
      await failure(repC.records.get.query({ templateId: T, id: victim }));
      await failure(repA.records.get.query({ templateId: T, id: victim }));

      const compliance = await signedIn(second.url, 'compliance');
      const verified = await compliance.audit.verify.query();
      expect(verified.ok).toBe(true); // the audit chain itself is intact
      expect(verified).toMatchObject({
        records: {
          ok: false,
          problems: [{ kind: 'record-mac', templateId: T, recordId: victim, file: changedFile }],
        },
      });
    } finally {
      await second.close();
    }
  });
});
