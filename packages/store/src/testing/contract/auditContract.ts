import { expect, it } from 'vitest';
import { audit, type OpenStore, withStore } from './contractKit.js';

/** The hash-chained audit log. */
export function auditContract(open: OpenStore): void {
  it('chains audit entries gaplessly under concurrent appends and verifies them', () =>
    withStore(open, async (store) => {
      const entries = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.appendAudit(audit('auth.login', `u${i}`))),
      );
      const seqs = entries.map((e) => e.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => (seqs[0] as number) + i));
      const bySeq = new Map(entries.map((e) => [e.seq, e]));
      for (const e of entries) if (bySeq.has(e.seq - 1)) expect(e.prevHash).toBe(bySeq.get(e.seq - 1)?.hash);
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

  it('audit entries of records and documents commit with them and carry what was handed in', () =>
    withStore(open, async (store) => {
      const input = { actor: 'u1', action: 'x.test', target: 't1', details: { records: [], n: 1 } };
      // Changed before the append has settled: the entry keeps what was handed in.
      const appended = store.appendAudit(input);
      input.details.n = 2;
      const entry = await appended;
      const [listed] = (await store.listAudit({ action: 'x.test' })).entries;
      expect(listed).toMatchObject({ seq: entry.seq, actor: 'u1', target: 't1', details: { n: 1 } });
    }));
}
