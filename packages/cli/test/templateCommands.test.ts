import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/packFixtures.js';
import { ROOT, runCli } from './helpers/runCli.js';

const work = tempDir('veil-cli-');
afterAll(() => work.remove());
const b2b = JSON.parse(readFileSync(join(ROOT, 'templates/b2b-follow-up/template.json'), 'utf8'));
const writeJson = (name: string, value: unknown) => {
  const path = join(work.dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

describe('help, usage errors and language', () => {
  it('every command has --help with a worked example', () => {
    for (const args of [
      [],
      ['template'],
      ['template', 'lint'],
      ['template', 'install'],
      ['scan'],
      ['audit', 'verify'],
      ['start'],
      ['demo'],
    ]) {
      const run = runCli([...args, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Example:');
      expect(run.stdout).toContain('$ veil');
    }
  });

  it('speaks Chinese when LANG is zh_CN', () => {
    const run = runCli(['template', 'lint', '--help'], { lang: 'zh_CN.UTF-8' });
    expect(run.stdout).toContain('示例：');
    expect(run.stdout).toContain('按工作区策略检查模板');
  });

  it('exits 2 on an unknown command or a missing argument, saying what to do', () => {
    const unknown = runCli(['template', 'lnit']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--help');
    const missing = runCli(['scan', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.json()).toMatchObject({ ok: false, exitCode: 2, error: { code: 'usage' } });
  });

  it('a missing file is a failure (exit 1) that names the file, in zh-CN too', () => {
    const run = runCli(['template', 'lint', 'no-such.json'], { lang: 'zh_CN.UTF-8' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no-such.json 不存在');
  });
});

describe('veil template lint', () => {
  it('passes the bundled templates and packs, reporting acknowledged warnings', () => {
    const run = runCli([
      'template',
      'lint',
      'templates/education-enrolment',
      'templates/packs/wealth-management',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const doc = run.json<{ summary: Record<string, number> }>();
    expect(doc.summary).toEqual({ templates: 2, errors: 0, warnings: 0, acknowledged: 3 });
  });

  it('fails (exit 1) on an error finding and names the field by title', () => {
    const broken = structuredClone(b2b);
    delete broken.schema.properties.contacts.items.properties.mobile['x-privacy'].purpose;
    const file = writeJson('broken.json', broken);
    const run = runCli(['template', 'lint', file, '--policy', 'templates/workspace-policy.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('purpose-missing');
    expect(run.stdout).toContain('«Mobile»');
    const doc = runCli([
      'template',
      'lint',
      file,
      '--policy',
      'templates/workspace-policy.json',
      '--json',
    ]).json();
    expect(doc.ok).toBe(false);
    expect(JSON.stringify(doc)).toContain('"path":"/contacts/*/mobile"');
  });
});

describe('veil template validate', () => {
  it('checks records against the template, naming fields by title and never echoing a value', () => {
    const good = {
      ownerId: 'u1',
      company: 'Demo Co',
      stage: 'lead',
      contacts: [{ name: 'Ann', mobile: '13900001234' }],
    };
    const bad = {
      ownerId: 'u1',
      company: 'Demo Co',
      stage: 'lead',
      contacts: [{ name: 'Ann', mobile: '12345-SECRET' }],
    };
    const ok = runCli([
      'template',
      'validate',
      'templates/b2b-follow-up',
      '--data',
      writeJson('good.json', [good]),
    ]);
    expect(ok.code).toBe(0);
    const run = runCli([
      'template',
      'validate',
      'templates/b2b-follow-up',
      '--data',
      writeJson('bad.json', [good, bad]),
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('#2');
    expect(run.stdout).toContain('«Mobile»');
    expect(run.stdout).not.toContain('SECRET');
    const doc = runCli([
      'template',
      'validate',
      'templates/b2b-follow-up',
      '--data',
      join(work.dir, 'bad.json'),
      '--json',
    ]).json();
    expect(JSON.stringify(doc)).not.toContain('SECRET');
    expect(doc.templates).toEqual([expect.objectContaining({ status: 'records-invalid', records: 2 })]);
  });

  it('validates a pack’s generated sample data', () => {
    const run = runCli(['template', 'validate', 'templates/packs/medical-aesthetics', '--json']);
    expect(run.code).toBe(0);
    expect(run.json().templates).toEqual([
      expect.objectContaining({ status: 'valid', records: 12, issues: [] }),
    ]);
  });
});

describe('veil template diff', () => {
  it('exits 1 and says so when a change weakens privacy', () => {
    const weaker = structuredClone(b2b);
    weaker.schema.properties.contacts.items.properties.mobile['x-privacy'].mask = 'none';
    const file = writeJson('weaker.json', weaker);
    const run = runCli([
      'template',
      'diff',
      'templates/b2b-follow-up/template.json',
      file,
      '--policy',
      'templates/workspace-policy.json',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('mask-weakened');
    expect(run.stdout).toContain('weakens privacy');
    const same = runCli(['template', 'diff', 'templates/b2b-follow-up', 'templates/b2b-follow-up', '--json']);
    expect(same.code).toBe(0);
    expect(same.json()).toMatchObject({ ok: true, breaking: false, weakensPrivacy: false, changes: [] });
  });
});

describe('veil template describe and sample', () => {
  it('prints the record of processing in the requested language', () => {
    const en = runCli(['template', 'describe', 'templates/packs/recruitment-headhunting', '--locale', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('# Record of processing: Candidate follow-up');
    expect(en.stdout).toContain('Current employer');
    const doc = runCli(['template', 'describe', 'templates/packs/recruitment-headhunting', '--json']).json<{
      records: { record: { fields: { path: string }[] } }[];
    }>();
    expect(doc.records[0]?.record.fields.map((f) => f.path)).toContain('/currentSalary');
    expect(runCli(['template', 'describe', 'templates/b2b-follow-up', '--locale', 'fr']).code).toBe(2);
  });

  it('generates the same sample for the same seed, and another for another seed', () => {
    const a = runCli([
      'template',
      'sample',
      'templates/packs/insurance-agent',
      '--count',
      '3',
      '--seed',
      '7',
    ]);
    const b = runCli([
      'template',
      'sample',
      'templates/packs/insurance-agent',
      '--count',
      '3',
      '--seed',
      '7',
    ]);
    const c = runCli([
      'template',
      'sample',
      'templates/packs/insurance-agent',
      '--count',
      '3',
      '--seed',
      '8',
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    expect((JSON.parse(a.stdout) as Record<string, unknown[]>)['insurance-lead']).toHaveLength(3);
    expect(runCli(['template', 'sample', 'templates/packs/insurance-agent', '--count', '0']).code).toBe(2);
  });
});

describe('veil scan', () => {
  const text = '客户 演示甲 手机 13900001234，邮箱 demo@example.com。\n第二行没有。\n';
  const file = join(work.dir, 'notes.txt');
  writeFileSync(file, text);

  it('reports spans with type, offsets and place, masked, and exits 1', () => {
    const run = runCli(['scan', file, '--json']);
    expect(run.code).toBe(1);
    const doc = run.json<{ spans: { type: string; start: number; end: number; line: number }[] }>();
    const mobile = doc.spans.find((s) => s.type === 'mobile');
    expect(mobile).toBeDefined();
    expect(text.slice(mobile?.start, mobile?.end)).toBe('13900001234');
    expect(doc.spans.map((s) => s.type).sort()).toEqual(['email', 'mobile']);
    expect(run.stdout).not.toContain('13900001234');
    const human = runCli(['scan', file]);
    expect(human.stdout).toContain(':1:');
    expect(human.stdout).toContain('139****1234');
    expect(human.stdout).not.toContain('13900001234');
  });

  it('exits 0 on a clean file', () => {
    const clean = join(work.dir, 'clean.txt');
    writeFileSync(clean, 'nothing personal here\n');
    const run = runCli(['scan', clean, '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ ok: true, spans: [] });
  });
});
