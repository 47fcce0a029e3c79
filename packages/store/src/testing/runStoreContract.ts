import type { VeilRecord } from '@veil/policy';
import { describe, expect, it } from 'vitest';
import type { AuditInput, Store } from '../store.js';

export interface OpenedStore {
  store: Store;
  close(): Promise<void>;
}

const audit = (action: string, target: string): AuditInput => ({
  actor: 'u-admin',
  action,
  target,
  details: { records: [] },
});

function record(id: string, data: Record<string, unknown>, version = 1): VeilRecord {
  return {
    id,
    templateId: 'followup',
    templateVersion: 1,
    version,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    data,
  };
}

async function withStore(
  open: () => Promise<OpenedStore>,
  run: (store: Store) => Promise<void>,
): Promise<void> {
  const opened = await open();
  try {
    await run(opened.store);
  } finally {
    await opened.close();
  }
}

/**
 * The behaviour every `Store` adapter must show, tested through the interface only.
 * `open` gives a fresh, empty store each time.
 */
export function runStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    it('keeps documents in typed collections and filters them by top-level fields', () =>
      withStore(open, async (store) => {
        const now = '2024-01-01T00:00:00.000Z';
        await store.putDoc('sessions', {
          id: 's1',
          userId: 'u1',
          createdAt: now,
          lastSeenAt: now,
          expiresAt: now,
          revoked: false,
        });
        await store.putDoc('sessions', {
          id: 's2',
          userId: 'u2',
          createdAt: now,
          lastSeenAt: now,
          expiresAt: now,
          revoked: false,
        });
        await store.putDoc('sessions', {
          id: 's3',
          userId: 'u1',
          createdAt: now,
          lastSeenAt: now,
          expiresAt: now,
          revoked: true,
        });
        expect((await store.listDocs('sessions', { userId: 'u1' })).map((s) => s.id)).toEqual(['s1', 's3']);
        expect((await store.listDocs('sessions', { userId: 'u1', revoked: false })).map((s) => s.id)).toEqual(
          ['s1'],
        );
        expect(await store.deleteDoc('sessions', 's1')).toBe(true);
        expect(await store.getDoc('sessions', 's1')).toBeUndefined();
        expect(await store.deleteDoc('sessions', 's1')).toBe(false);
      }));

    it('a document put with an audit entry commits both', () =>
      withStore(open, async (store) => {
        await store.putDoc(
          'departments',
          { id: 'd1', name: 'Sales', parentId: null },
          audit('department.create', 'd1'),
        );
        const page = await store.listAudit({ action: 'department.create' });
        expect(page.entries.map((e) => e.target)).toEqual(['d1']);
        expect((await store.getDoc('departments', 'd1'))?.name).toBe('Sales');
      }));

    it('creates, reads, updates with optimistic versions, keeps history and deletes records', () =>
      withStore(open, async (store) => {
        await store.createRecord({
          record: record('r1', { name: 'A', stage: 'lead' }),
          audit: audit('record.create', 'r1'),
        });
        await expect(
          store.createRecord({ record: record('r1', { name: 'B' }), audit: audit('record.create', 'r1') }),
        ).rejects.toMatchObject({ code: 'CONFLICT' });
        await store.updateRecord({
          record: record('r1', { name: 'A', stage: 'won' }, 2),
          expectedVersion: 1,
          audit: audit('record.update', 'r1'),
        });
        await expect(
          store.updateRecord({
            record: record('r1', { name: 'C' }, 2),
            expectedVersion: 1,
            audit: audit('record.update', 'r1'),
          }),
        ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
        expect((await store.getRecord('followup', 'r1'))?.data).toEqual({ name: 'A', stage: 'won' });
        const versions = await store.listRecordVersions('followup', 'r1');
        expect(versions.map((v) => [v.version, v.data.stage])).toEqual([[1, 'lead']]);
        await store.deleteRecord({ templateId: 'followup', id: 'r1', audit: audit('record.delete', 'r1') });
        expect(await store.getRecord('followup', 'r1')).toBeUndefined();
        expect(await store.listRecordVersions('followup', 'r1')).toEqual([]);
        // Each change has exactly one audit entry; the refused ones have none.
        const actions = (await store.listAudit({ target: 'r1' })).entries.map((e) => e.action).reverse();
        expect(actions).toEqual(['record.create', 'record.update', 'record.delete']);
      }));

    it('runs filters (inside arrays too), owner scope, multi-key sort and stable cursor pages', () =>
      withStore(open, async (store) => {
        const stages = ['lead', 'won', 'lead', 'lost', 'won', 'lead'];
        for (let i = 0; i < 30; i++) {
          await store.createRecord({
            record: record(`r${String(i).padStart(2, '0')}`, {
              owner: i % 3 === 0 ? 'u1' : 'u2',
              stage: stages[i % stages.length],
              amount: i % 5,
              contacts: [{ _id: 'c1', name: i === 7 ? 'Zhang San' : 'Li Si' }],
            }),
            audit: audit('record.create', `r${i}`),
          });
        }
        const q = await store.queryRecords('followup', {
          filters: [{ field: '/contacts/*/name', op: 'eq', value: 'Zhang San' }],
        });
        expect(q.records.map((r) => r.id)).toEqual(['r07']);
        const lt = await store.queryRecords('followup', {
          filters: [{ field: '/amount', op: 'lt', value: 1 }],
          limit: 100,
        });
        expect(lt.total).toBe(6);
        const inn = await store.queryRecords('followup', {
          filters: [{ field: '/stage', op: 'in', value: ['won', 'lost'] }],
          limit: 100,
        });
        expect(inn.records.every((r) => r.data.stage !== 'lead')).toBe(true);
        const sort = [
          { field: '/amount', dir: 'desc' as const },
          { field: '/stage', dir: 'asc' as const },
        ];
        const all = await store.queryRecords('followup', { sort, limit: 1000 });
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<Store['queryRecords']>> = await store.queryRecords('followup', {
            sort,
            limit: 7,
            ...(cursor ? { cursor } : {}),
          });
          ids.push(...page.records.map((r) => r.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(ids).toEqual(all.records.map((r) => r.id));
        expect(new Set(ids).size).toBe(30);
        for (let i = 1; i < all.records.length; i++) {
          expect(Number(all.records[i - 1]?.data.amount)).toBeGreaterThanOrEqual(
            Number(all.records[i]?.data.amount),
          );
        }
      }));

    it('stores erasable notes', () =>
      withStore(open, async (store) => {
        const id = await store.putNote('customer asked to be called back');
        expect(await store.getNote(id)).toBe('customer asked to be called back');
        expect(await store.eraseNote(id)).toBe(true);
        expect(await store.getNote(id)).toBeUndefined();
      }));

    it('chains audit entries gaplessly under concurrent appends and verifies them', () =>
      withStore(open, async (store) => {
        const entries = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.appendAudit(audit('auth.login', `u${i}`))),
        );
        const seqs = entries.map((e) => e.seq).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => (seqs[0] as number) + i));
        const bySeq = new Map(entries.map((e) => [e.seq, e]));
        for (const e of entries)
          if (bySeq.has(e.seq - 1)) expect(e.prevHash).toBe(bySeq.get(e.seq - 1)?.hash);
        const checkpoint = await store.exportCheckpoint();
        expect(await store.verifyAudit({ checkpoints: [checkpoint] })).toMatchObject({
          ok: true,
          head: checkpoint.headHash,
        });
        const exported: number[] = [];
        for await (const e of store.exportAudit({ fromSeq: 10, toSeq: 12 })) exported.push(e.seq);
        expect(exported).toEqual([10, 11, 12]);
        const first = await store.listAudit({ limit: 20 });
        const second = await store.listAudit({ limit: 20, cursor: first.nextCursor as string });
        expect(first.entries.length + second.entries.length).toBe(40);
        expect(Math.min(...first.entries.map((e) => e.seq))).toBeGreaterThan(
          Math.max(...second.entries.map((e) => e.seq)),
        );
      }));
  });
}
