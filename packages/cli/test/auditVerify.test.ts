import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAuditLine, openLowdbStore } from '@veil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/packFixtures.js';
import { runCli } from './helpers/runCli.js';

const work = tempDir('veil-audit-');
const data = join(work.dir, 'data');
const keys = join(work.dir, 'keys');
const log = join(data, 'audit', 'audit.jsonl');
afterAll(() => work.remove());

/** Every file under the data folder with its size and modification time. */
function snapshot(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const s = statSync(path);
      if (s.isDirectory()) walk(path);
      else out.push(`${path} ${s.size} ${s.mtimeMs}`);
    }
  };
  walk(data);
  return out.sort();
}

beforeAll(async () => {
  const store = await openLowdbStore({
    dataDir: data,
    keysDir: keys,
    now: () => new Date('2026-12-01T00:00:00Z'),
  });
  for (let i = 1; i <= 5; i++) {
    await store.appendAudit({
      actor: `user-${i}`,
      action: 'record.read',
      target: `r${i}`,
      details: { fields: 2 },
    });
  }
  const checkpoint = await store.exportCheckpoint();
  writeFileSync(join(work.dir, 'kept.jsonl'), `${JSON.stringify(checkpoint)}\n`);
  writeFileSync(join(work.dir, 'audit.pub'), store.keys.publicKeyPem);
  await store.close();
});

describe('veil audit verify', () => {
  it('verifies an intact log read-only, against kept checkpoints and the store key', () => {
    const before = snapshot();
    const plain = runCli(['audit', 'verify', '--data', data, '--json']);
    expect(plain.code).toBe(0);
    expect(plain.json()).toMatchObject({ ok: true, count: 5, checkpoints: 0 });
    const full = runCli([
      'audit',
      'verify',
      '--data',
      data,
      '--checkpoints',
      join(work.dir, 'kept.jsonl'),
      '--public-key',
      join(work.dir, 'audit.pub'),
      '--json',
    ]);
    expect(full.code).toBe(0);
    expect(full.json<{ checkpoints: number }>().checkpoints).toBeGreaterThanOrEqual(2);
    expect(runCli(['audit', 'verify', '--data', data]).stdout).toContain('Audit log intact: 5 entries');
    expect(snapshot()).toEqual(before);
  });

  it('finds an entry changed in place (exit 1, the entry named)', () => {
    const original = readFileSync(log, 'utf8');
    writeFileSync(log, original.replace('"user-3"', '"user-X"'));
    const run = runCli(['audit', 'verify', '--data', data, '--json']);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, reason: 'hash-mismatch', firstBadSeq: 3 });
    expect(runCli(['audit', 'verify', '--data', data], { lang: 'zh_CN.UTF-8' }).stdout).toContain(
      '第 3 条审计记录在写入后被修改',
    );
    writeFileSync(log, original);
  });

  it('finds a rewritten chain only with a checkpoint kept elsewhere', () => {
    const original = readFileSync(log, 'utf8');
    const lines = original.trimEnd().split('\n');
    let prev = '0'.repeat(64);
    const rewritten = lines.map((line, i) => {
      const entry = JSON.parse(line.slice(0, line.lastIndexOf('\t')));
      const actor = i === 1 ? 'someone-else' : entry.actor;
      const { line: out, hash } = formatAuditLine(entry.seq, prev, entry.at, {
        actor,
        action: entry.action,
        target: entry.target,
        details: entry.details,
      });
      prev = hash;
      return out;
    });
    writeFileSync(log, rewritten.join(''));
    expect(runCli(['audit', 'verify', '--data', data]).code).toBe(0);
    const run = runCli([
      'audit',
      'verify',
      '--data',
      data,
      '--checkpoints',
      join(work.dir, 'kept.jsonl'),
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ reason: 'checkpoint-mismatch' });
    writeFileSync(log, original);
  });

  it('says where to look when there is no log', () => {
    const run = runCli(['audit', 'verify', '--data', join(work.dir, 'nowhere')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--data');
  });
});
