import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '@veil/server';
import { type AuditEntry, openLowdbStore } from '@veil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/packFixtures.js';
import { ROOT, runCli } from './helpers/runCli.js';

const work = tempDir('veil-operator-');
const data = join(work.dir, 'data');
const keys = join(work.dir, 'keys');
const at = ['--data', data, '--keys', keys];
afterAll(() => work.remove());

beforeAll(async () => {
  const server = await startServer({ port: 0, dataDir: data, keysDir: keys, logSink: () => {} });
  await server.close();
}, 120_000);

/**
 * Every file under a folder with its size and modification time (to prove nothing changed). A
 * command that opened the store and then refused leaves a fresh signed checkpoint and shard
 * manifest (written on close) and a truncated write-ahead log of batches already applied:
 * `data` leaves those three out.
 */
const STORE_BOOKKEEPING = new Set(['checkpoints.jsonl', 'manifest.json', 'wal.jsonl']);

function snapshot(dir: string, only: 'all' | 'data' = 'all'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const s = statSync(path);
      if (s.isDirectory()) walk(path);
      else if (only === 'data' && STORE_BOOKKEEPING.has(name)) continue;
      else out.push(`${path} ${s.size} ${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

async function inStore<T>(fn: (store: Awaited<ReturnType<typeof openLowdbStore>>) => Promise<T>, dir = data) {
  const store = await openLowdbStore({ dataDir: dir, keysDir: keys });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function auditTail(n: number, dir = data): Promise<AuditEntry[]> {
  return inStore(async (store) => {
    const all: AuditEntry[] = [];
    for await (const e of store.exportAudit()) all.push(e);
    return all.slice(-n);
  }, dir);
}

describe('every operator command', { timeout: 180_000 }, () => {
  it.each(
    [
      ['users', 'create-admin'],
      ['users', 'reset-password'],
      ['users', 'deactivate'],
      ['backup'],
      ['restore'],
      ['check'],
      ['keys', 'rotate'],
      ['audit', 'export'],
      ['template', 'publish'],
    ].map((cmd) => [cmd.join(' '), cmd] as const),
  )('%s has --help with a worked example, in both languages', (_name, cmd) => {
    const en = runCli([...cmd, '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(new RegExp(`Example:\\n[\\s\\S]*\\$ [^\\n]*veil ${cmd.join(' ')}`));
    expect(en.stdout).toContain('--data <dir>');
    const zh = runCli([...cmd, '--help'], { lang: 'zh_CN.UTF-8' });
    expect(zh.stdout).toContain('示例：');
  });

  it('is a usage error (exit 2) without its required options', () => {
    for (const cmd of [
      ['users', 'deactivate', 'rep-b'],
      ['backup'],
      ['audit', 'export'],
      ['users', 'create-admin'],
    ]) {
      const run = runCli([...cmd, ...at, '--json']);
      expect(run.code, cmd.join(' ')).toBe(2);
      expect(run.json().error?.code).toBe('usage');
    }
    expect(runCli(['audit', 'export', '--out', join(work.dir, 'x.jsonl'), '--from', 'one', ...at]).code).toBe(
      2,
    );
  });

  it('says where to look when the data folder holds no store, and creates nothing', () => {
    const nowhere = join(work.dir, 'nowhere');
    const run = runCli(['check', '--data', nowhere, '--keys', keys, '--json']);
    expect(run.code).toBe(1);
    expect(run.json().error?.code).toBe('store-missing');
    expect(runCli(['check', '--data', nowhere, '--keys', keys], { lang: 'zh_CN.UTF-8' }).stderr).toContain(
      '中没有 Veil 存储',
    );
    expect(existsSync(nowhere)).toBe(false);
  });
});

describe('veil users', { timeout: 180_000 }, () => {
  it('create-admin creates an admin through users.create, audited as the operator', async () => {
    const run = runCli(['users', 'create-admin', '--login', 'ops-admin', '--name', 'Ops', ...at, '--json'], {
      input: 'a-long-password-1\n',
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { user } = run.json<{ user: { id: string; login: string; roles: string[] } }>();
    expect(user.login).toBe('ops-admin');
    expect(run.stdout).not.toContain('a-long-password-1');
    const [entry] = await auditTail(1);
    expect(entry).toMatchObject({ action: 'user.create', target: user.id });
    expect(entry?.actor).toMatch(/^operator:/);
    // The role is one that manages users: the new account may list users through the policy.
    const again = runCli(['users', 'create-admin', '--login', 'ops-admin', ...at], {
      input: 'a-long-password-1\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('This login name is taken');
  });

  it('create-admin refuses a missing password (2), a short one and a role that cannot manage users (1)', async () => {
    const before = snapshot(data, 'data');
    expect(runCli(['users', 'create-admin', '--login', 'x-admin', ...at, '--json']).json().error?.code).toBe(
      'password-missing',
    );
    const short = runCli(['users', 'create-admin', '--login', 'x-admin', ...at], {
      input: 'short\n',
      lang: 'zh_CN.UTF-8',
    });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('密码须为 10–200 个字符');
    const rep = runCli(['users', 'create-admin', '--login', 'x-admin', '--role', 'rep', ...at, '--json'], {
      input: 'a-long-password-2\n',
    });
    expect(rep.code).toBe(1);
    expect(rep.json().error?.code).toBe('no-admin-role');
    expect(snapshot(data, 'data')).toEqual(before);
  });

  it('reset-password sets a new password through users.resetPassword', async () => {
    const before = await inStore(
      async (s) => (await s.listDocs('users', { login: 'rep-a' }))[0]?.passwordHash,
    );
    const run = runCli(['users', 'reset-password', 'rep-a', ...at, '--json'], {
      input: 'another-password-9\n',
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ ok: true, user: { login: 'rep-a' }, sessionsRevoked: 0 });
    const after = await inStore(
      async (s) => (await s.listDocs('users', { login: 'rep-a' }))[0]?.passwordHash,
    );
    expect(after).not.toBe(before);
    expect((await auditTail(1))[0]).toMatchObject({ action: 'user.reset-password' });
    const text = runCli(['users', 'reset-password', 'rep-a', ...at], { input: 'another-password-8\n' });
    expect(text.stdout).toContain('New password set for rep-a');
    const missing = runCli(['users', 'reset-password', 'nobody', ...at, '--json'], {
      input: 'another-password-8\n',
    });
    expect(missing.code).toBe(1);
    expect(missing.json().error?.code).toBe('user-not-found');
  });

  it('deactivate hands the customers over through users.deactivate, and refuses what the operation refuses', async () => {
    const before = snapshot(data, 'data');
    const bad = runCli(['users', 'deactivate', 'rep-b', '--successor', 'rep-b', ...at, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json<{ error: { veilCode: string } }>().error).toMatchObject({
      code: 'refused',
      veilCode: 'invalid-input',
    });
    expect(bad.json().error?.message).toContain('The successor must be someone else');
    expect(snapshot(data, 'data')).toEqual(before);
    const run = runCli(['users', 'deactivate', 'rep-b', '--successor', 'rep-a', ...at, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const result = run.json<{ reassigned: number }>();
    expect(result.reassigned).toBeGreaterThan(0);
    expect(await inStore(async (s) => (await s.listDocs('users', { login: 'rep-b' }))[0]?.active)).toBe(
      false,
    );
    expect((await auditTail(1))[0]).toMatchObject({ action: 'user.deactivate' });
  });
});

describe('veil backup, restore, check, keys rotate, audit export', { timeout: 180_000 }, () => {
  const file = join(work.dir, 'backup.json');
  const restored = join(work.dir, 'restored');

  it('backup writes one file and never overwrites one', () => {
    const run = runCli(['backup', '--out', file, ...at, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.json<{ bytes: number }>().bytes).toBe(statSync(file).size);
    expect(readFileSync(file, 'utf8')).not.toContain('BEGIN PRIVATE KEY');
    const again = runCli(['backup', '--out', file, ...at, '--json']);
    expect(again.code).toBe(1);
    expect(again.json().error?.code).toBe('output-exists');
  });

  it('restore brings the backup into an empty folder, refuses a folder that holds a store', async () => {
    const run = runCli(['restore', file, '--data', restored, '--keys', keys, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { auditEntries } = run.json<{ auditEntries: number }>();
    expect(auditEntries).toBeGreaterThan(100);
    const users = await inStore(async (s) => (await s.listDocs('users')).length, restored);
    expect(users).toBe(await inStore(async (s) => (await s.listDocs('users')).length));
    const before = snapshot(restored);
    const again = runCli(['restore', file, '--data', restored, '--keys', keys]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--replace');
    expect(snapshot(restored)).toEqual(before);
  });

  it('check passes on an intact store and names the first bad audit entry of a tampered one', () => {
    const ok = runCli(['check', ...at, '--json']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ opened: true, audit: { ok: true } });
    expect(runCli(['check', ...at]).stdout).toContain('Store intact');
    const log = join(restored, 'audit', 'audit.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[2] = (lines[2] as string).replace('"action":"', '"action":"x');
    writeFileSync(log, lines.join('\n'));
    const bad = runCli(['check', '--data', restored, '--keys', keys, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({
      ok: false,
      audit: { ok: false, firstBadSeq: 3, reason: 'hash-mismatch' },
    });
    expect(runCli(['check', '--data', restored, '--keys', keys], { lang: 'zh_CN.UTF-8' }).stdout).toContain(
      '审计链在第 3 条处断开',
    );
  });

  it('keys rotate re-encrypts and leaves a store that checks clean', async () => {
    const run = runCli(['keys', 'rotate', ...at, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.json<{ reencrypted: number }>().reencrypted).toBeGreaterThanOrEqual(0);
    expect((await auditTail(1))[0]).toMatchObject({ action: 'operator.keys-rotate' });
    expect(runCli(['check', ...at]).code).toBe(0);
  });

  it('audit export writes the range as JSON lines, through audit.export (itself audited)', async () => {
    const out = join(work.dir, 'audit.jsonl');
    const run = runCli(['audit', 'export', '--out', out, '--from', '2', '--to', '11', ...at, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ count: 10 });
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as AuditEntry).seq)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect((await auditTail(1))[0]).toMatchObject({ action: 'audit.export', details: { count: 10 } });
    expect(runCli(['audit', 'export', '--out', out, ...at]).code).toBe(1);
  });
});

describe('veil template publish', { timeout: 180_000 }, () => {
  const source = join(ROOT, 'templates', 'b2b-follow-up', 'template.json');
  const weakened = join(work.dir, 'weakened.json');

  it('checks against the store’s policy, wants --yes for a privacy-weakening version, then publishes it', async () => {
    writeFileSync(weakened, readFileSync(source, 'utf8').replace('"mask": "name"', '"mask": "none"'));
    const latest = async () =>
      inStore(async (s) =>
        Math.max(...(await s.listDocs('templates', { templateId: 'b2b-follow-up' })).map((d) => d.version)),
      );
    const before = await latest();
    const dry = runCli(['template', 'publish', source, '--dry-run', ...at, '--json']);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ id: 'b2b-follow-up', version: before + 1, dryRun: true });
    const snap = snapshot(data, 'data');
    const refused = runCli(['template', 'publish', weakened, ...at, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.json<{ error: { changes: { kind: string; field: string }[] } }>().error).toMatchObject({
      code: 'confirmation-required',
      changes: [{ kind: 'mask-weakened', field: 'Name' }],
    });
    expect(runCli(['template', 'publish', weakened, ...at], { lang: 'zh_CN.UTF-8' }).stderr).toContain(
      '--yes',
    );
    expect(snapshot(data, 'data')).toEqual(snap);
    const run = runCli(['template', 'publish', weakened, '--yes', ...at, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ version: before + 1, weakensPrivacy: true });
    expect(await latest()).toBe(before + 1);
    expect((await auditTail(2)).map((e) => e.action)).toEqual(
      ['template.publish', 'template.save-draft'].reverse(),
    );
  });

  it('refuses a template with lint errors, naming the field by its title', () => {
    const broken = join(work.dir, 'broken.json');
    const template = JSON.parse(readFileSync(source, 'utf8'));
    template.schema.properties.company['x-privacy'] = { level: 'confidential', categories: ['contact'] };
    writeFileSync(broken, JSON.stringify(template));
    const run = runCli(['template', 'publish', broken, ...at, '--json']);
    expect(run.code).toBe(1);
    expect(run.json().error?.code).toBe('lint-errors');
    const text = runCli(['template', 'publish', broken, ...at]);
    expect(text.stderr).toContain('«Company»  purpose-missing');
    expect(text.stderr).not.toContain('/schema/properties');
  });
});

describe('while a server holds the store', { timeout: 180_000 }, () => {
  it('every command that opens the store refuses, names the lock and changes nothing', async () => {
    const server = await startServer({
      port: 0,
      dataDir: data,
      keysDir: keys,
      logSink: () => {},
      seed: false,
    });
    try {
      const before = snapshot(data);
      const commands: [string[], string?][] = [
        [['users', 'create-admin', '--login', 'locked-admin'], 'a-long-password-3\n'],
        [['users', 'reset-password', 'rep-a'], 'a-long-password-3\n'],
        [['users', 'deactivate', 'rep-c', '--successor', 'rep-a']],
        [['backup', '--out', join(work.dir, 'locked.json')]],
        [['restore', join(work.dir, 'backup.json'), '--replace']],
        [['check']],
        [['keys', 'rotate']],
        [['audit', 'export', '--out', join(work.dir, 'locked.jsonl')]],
        [['template', 'publish', join(ROOT, 'templates', 'b2b-follow-up')]],
      ];
      for (const [args, input] of commands) {
        const run = runCli([...args, ...at, '--json'], input === undefined ? {} : { input });
        expect(run.code, args.join(' ')).toBe(1);
        expect(run.json().error?.code, args.join(' ')).toBe('store-locked');
      }
      const zh = runCli(['keys', 'rotate', ...at], { lang: 'zh_CN.UTF-8' });
      expect(zh.stderr).toContain('正被运行中的 Veil 服务使用');
      expect(runCli(['keys', 'rotate', ...at]).stderr).toContain(
        'stop the server first; nothing was changed',
      );
      expect(snapshot(data)).toEqual(before);
      expect(existsSync(join(work.dir, 'locked.json'))).toBe(false);
      expect(existsSync(join(work.dir, 'locked.jsonl'))).toBe(false);
    } finally {
      await server.close();
    }
  }, 120_000);
});
