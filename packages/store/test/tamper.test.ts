import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AuditCheckpoint,
  formatAuditLine,
  GENESIS_HASH,
  openLowdbStore,
  parseAuditLine,
} from '../src/index.js';

const root = await mkdtemp(join(tmpdir(), 'veil-tamper-'));
afterAll(() => rm(root, { recursive: true, force: true }));
let n = 0;

/** A store with 20 audit entries, closed; returns its paths and a checkpoint the auditor kept. */
async function prepared(): Promise<{
  dataDir: string;
  keysDir: string;
  audit: string;
  lines: string[];
  kept: AuditCheckpoint;
}> {
  n += 1;
  const dataDir = join(root, `data${n}`);
  const keysDir = join(root, `keys${n}`);
  const store = await openLowdbStore({ dataDir, keysDir, checkpointEvery: 1_000_000 });
  for (let i = 1; i <= 20; i++)
    await store.appendAudit({ actor: `u${i}`, action: 'auth.login', target: `u${i}`, details: { i } });
  const kept = await store.exportCheckpoint();
  await store.close();
  const audit = join(dataDir, 'audit', 'audit.jsonl');
  const lines = (await readFile(audit, 'utf8')).split('\n').filter(Boolean);
  return { dataDir, keysDir, audit, lines, kept };
}

async function verifyAfter(
  edit: (lines: string[]) => string[],
  withKept = false,
  dropStoredCheckpoints = false,
) {
  const p = await prepared();
  await writeFile(p.audit, `${edit([...p.lines]).join('\n')}\n`);
  if (dropStoredCheckpoints) await writeFile(join(p.dataDir, 'audit', 'checkpoints.jsonl'), '');
  const store = await openLowdbStore({ dataDir: p.dataDir, keysDir: p.keysDir });
  try {
    return await store.verifyAudit(withKept ? { checkpoints: [p.kept] } : {});
  } finally {
    await store.close();
  }
}

describe('audit tampering', () => {
  it('an untouched chain verifies', async () => {
    expect(await verifyAfter((lines) => lines)).toMatchObject({ ok: true, count: 20 });
  });

  it('an edited byte is caught at its seq', async () => {
    const result = await verifyAfter((lines) => {
      lines[6] = (lines[6] as string).replace('"actor":"u7"', '"actor":"u8"');
      return lines;
    });
    expect(result).toMatchObject({ ok: false, firstBadSeq: 7, reason: 'hash-mismatch' });
  });

  it('a deleted line is caught at its seq', async () => {
    const result = await verifyAfter((lines) => lines.filter((_, i) => i !== 11));
    expect(result).toMatchObject({ ok: false, firstBadSeq: 12 });
  });

  it('two swapped lines are caught at the first of them', async () => {
    const result = await verifyAfter((lines) => {
      [lines[4], lines[5]] = [lines[5] as string, lines[4] as string];
      return lines;
    });
    expect(result).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('a truncated log is caught against the latest checkpoint', async () => {
    const result = await verifyAfter((lines) => lines.slice(0, 15));
    expect(result).toMatchObject({ ok: false, firstBadSeq: 16, reason: 'truncated' });
    // Also with the stored checkpoints removed, by the one the auditor kept.
    const kept = await verifyAfter((lines) => lines.slice(0, 15), true, true);
    expect(kept).toMatchObject({ ok: false, firstBadSeq: 16, reason: 'truncated' });
  });

  it('a chain rewritten from scratch with correct hashes is caught by an exported checkpoint', async () => {
    const rewrite = (lines: string[]) => {
      let prev = GENESIS_HASH;
      return lines.map((line) => {
        const entry = parseAuditLine(line);
        const details = entry.seq === 3 ? { i: 'forged' } : entry.details;
        const out = formatAuditLine(entry.seq, prev, entry.at, {
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          details,
        });
        prev = out.hash;
        return out.line.trimEnd();
      });
    };
    // The rewritten chain is internally consistent …
    const p = await prepared();
    const forged = rewrite(p.lines);
    expect(createHash('sha256').update(forged.join('\n')).digest('hex')).not.toBe(
      createHash('sha256').update(p.lines.join('\n')).digest('hex'),
    );
    // … but not what the auditor's checkpoint (kept elsewhere) signed.
    const result = await verifyAfter(rewrite, true, true);
    expect(result).toMatchObject({ ok: false, reason: 'checkpoint-mismatch' });
    expect(result.ok === false && result.firstBadSeq).toBeLessThanOrEqual(20);
    // A forged checkpoint signed with another key is refused.
    const forgedCheckpoint = { ...p.kept, headHash: 'f'.repeat(64) };
    const store = await openLowdbStore({ dataDir: p.dataDir, keysDir: p.keysDir });
    expect(await store.verifyAudit({ checkpoints: [forgedCheckpoint] })).toMatchObject({
      ok: false,
      reason: 'checkpoint-signature',
    });
    await store.close();
  });
});
