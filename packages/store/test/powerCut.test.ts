import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLowdbStore, parseJsonFile } from '../src/index.js';
import { FaultFileSystem } from './faultFileSystem.js';

const keysRoot = await mkdtemp(join(tmpdir(), 'veil-keys-'));
afterAll(() => rm(keysRoot, { recursive: true, force: true }));

const record = (id: string, version: number, note: string) => ({
  id,
  templateId: 'followup',
  templateVersion: 1,
  version,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  data: { owner: 'u1', note },
});

describe('power cut (fault-injecting file layer)', () => {
  // With a tiny WAL limit the WAL is cut every few batches, which must first sync what it covers.
  it.each([
    { label: 'default WAL limit', walLimitBytes: undefined },
    { label: 'WAL cut every ~2 KB', walLimitBytes: 2048 },
  ])(
    'loses no acknowledged write and leaves every file readable, across 12 cuts ($label)',
    async ({ walLimitBytes }) => {
      const disk = new FaultFileSystem();
      const dataDir = '/data';
      const acked = new Map<string, number>();
      const ackedNotes = new Map<string, string>();
      let ackedAudit = 0;
      let seed = 7;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      for (let cycle = 0; cycle < 12; cycle++) {
        const store = await openLowdbStore({
          dataDir,
          keysDir: join(keysRoot, 'k'),
          fs: disk.boot(),
          shardSize: 20,
          checkpointEvery: 25,
          ...(walLimitBytes === undefined ? {} : { walLimitBytes }),
        });
        // Everything acknowledged before the cut is there, at least at the acknowledged version.
        for (const [id, version] of acked)
          expect((await store.getRecord('followup', id))?.version, id).toBeGreaterThanOrEqual(version);
        for (const [id, text] of ackedNotes) expect(await store.getNote(id)).toBe(text);
        const verified = await store.verifyAudit();
        expect(verified).toMatchObject({ ok: true });
        expect(verified.ok && verified.count).toBeGreaterThanOrEqual(ackedAudit);

        const cutAfter = 5 + Math.floor(random() * 40);
        let acks = 0;
        const writers = Array.from({ length: 6 }, async (_, w) => {
          for (let i = 0; ; i++) {
            const id = `c${cycle}-w${w}-${i}`;
            try {
              const choice = random();
              if (choice < 0.5 || acked.size === 0) {
                await store.createRecord({
                  record: record(id, 1, 'x'),
                  audit: { actor: 'u1', action: 'record.create', target: id, details: {} },
                });
                acked.set(id, 1);
              } else if (choice < 0.75) {
                const [target] = [...acked.keys()].slice(Math.floor(random() * acked.size));
                const current = await store.getRecord('followup', target as string);
                if (current === undefined) continue;
                await store.updateRecord({
                  record: record(current.id, current.version + 1, `v${current.version + 1}`),
                  expectedVersion: current.version,
                  audit: { actor: 'u1', action: 'record.update', target: current.id, details: {} },
                });
                acked.set(current.id, Math.max(acked.get(current.id) ?? 0, current.version + 1));
              } else if (choice < 0.85) {
                const text = `reason ${id}`;
                const noteId = await store.putNote(text);
                ackedNotes.set(noteId, text);
              } else {
                const entry = await store.appendAudit({
                  actor: 'u1',
                  action: 'auth.login',
                  target: id,
                  details: {},
                });
                ackedAudit = Math.max(ackedAudit, entry.seq);
              }
              acks += 1;
              if (acks === cutAfter) disk.powerCut();
            } catch (error) {
              if ((error as { code?: string }).code === 'VERSION_CONFLICT') continue;
              return; // the power went off under this writer
            }
          }
        });
        await Promise.all(writers);
      }
      // Every file that survived the last cut parses.
      for (const [path, bytes] of disk.files()) {
        if (path.endsWith('.json')) expect(() => parseJsonFile(path, bytes)).not.toThrow();
      }
      expect(acked.size).toBeGreaterThan(50);
    },
  );
});
