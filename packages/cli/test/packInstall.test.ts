import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WORKSPACE_POLICY } from '@veil/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/packFixtures.js';
import { ROOT, runCli } from './helpers/runCli.js';

const work = tempDir('veil-pack-');
afterAll(() => work.remove());
const cwd = work.dir;
const pack = join(ROOT, 'templates/packs/real-estate-viewing');
const maps = ['--map', 'role:agent=rep', '--map', 'purpose:viewing=contact'];

describe('veil template keygen, pack and install', () => {
  it('packs a signed archive with a checksum file', () => {
    const keys = runCli(['template', 'keygen', '--out', 'author', '--json'], { cwd });
    expect(keys.code).toBe(0);
    expect(keys.json().fingerprint).toMatch(/^SHA256:/);
    expect(runCli(['template', 'keygen', '--out', 'author'], { cwd }).code).toBe(1);

    const run = runCli(['template', 'pack', pack, '--key', 'author.key', '--out', 're.tgz', '--json'], {
      cwd,
    });
    expect(run.code).toBe(0);
    const doc = run.json();
    expect(doc).toMatchObject({ ok: true, name: 'real-estate-viewing', version: '1.0.0', signed: true });
    expect(doc.keyFingerprint).toBe(keys.json().fingerprint ?? doc.keyFingerprint);
    expect(doc.files).toContain('veil-pack.integrity.json');
    expect(readFileSync(join(cwd, 're.tgz.sha256'), 'utf8')).toBe(`${doc.sha256}  re.tgz\n`);
  });

  it('asks for a mapping of pack roles and purposes the workspace lacks', () => {
    const run = runCli(['template', 'install', 're.tgz', '--into', 'ws', '--trust', 'author.pub'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--map role:agent=ROLE');
    const purpose = runCli(
      ['template', 'install', 're.tgz', '--into', 'ws', '--map', 'role:agent=rep', '--json'],
      { cwd },
    );
    expect(purpose.json().error?.code).toBe('map-purpose-needed');
    expect(
      runCli(['template', 'install', 're.tgz', '--into', 'ws', '--map', 'agent=rep'], { cwd }).code,
    ).toBe(2);
    expect(existsSync(join(cwd, 'ws'))).toBe(false);
  });

  it('previews a dry run without writing, then installs the mapped templates', () => {
    const dry = runCli(
      ['template', 'install', 're.tgz', '--dry-run', '--trust', 'author.pub', ...maps, '--json'],
      { cwd },
    );
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({
      installed: false,
      signed: true,
      trusted: true,
      preview: { widens: false },
    });
    expect(existsSync(join(cwd, 'ws'))).toBe(false);

    const run = runCli(['template', 'install', 're.tgz', '--into', 'ws', '--trust', 'author.pub', ...maps], {
      cwd,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Signed by trusted key');
    const installed = readFileSync(
      join(cwd, 'ws/real-estate-viewing/templates/property-viewing.json'),
      'utf8',
    );
    expect(installed).not.toContain('"agent"');
    expect(installed).toContain('"purpose": "contact"');
    expect(installed).not.toContain('"purpose": "viewing"');
    expect(
      JSON.parse(readFileSync(join(cwd, 'ws/real-estate-viewing/veil-install.json'), 'utf8')).mapping,
    ).toEqual({
      roles: { admin: 'admin', manager: 'manager', agent: 'rep', compliance: 'compliance' },
      purposes: { viewing: 'contact' },
    });
    const again = runCli(['template', 'install', 're.tgz', '--into', 'ws', ...maps, '--json'], { cwd });
    expect(again.json().error?.code).toBe('install-exists');
  });

  it('shows the privacy diff of a mapping that widens access and installs it only with --yes', () => {
    const generous = structuredClone(DEFAULT_WORKSPACE_POLICY);
    generous.levelDefaults.confidential.access = { staff: 'full', external: 'hidden' };
    writeFileSync(join(cwd, 'generous.json'), JSON.stringify(generous));
    const args = ['template', 'install', 're.tgz', '--into', 'ws2', '--policy', 'generous.json', ...maps];
    const run = runCli(args, { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('WIDENS');
    expect(run.stdout).toMatch(/«Mobile».*rep \(pack role agent\), team: masked → full/);
    expect(run.stdout).toContain('--yes');
    expect(existsSync(join(cwd, 'ws2'))).toBe(false);
    const doc = runCli([...args, '--json'], { cwd }).json<{
      preview: { widens: boolean; changes: unknown[] };
    }>();
    expect(doc.preview.widens).toBe(true);
    expect(doc.preview.changes).toContainEqual(
      expect.objectContaining({
        path: '/mobile',
        role: 'rep',
        packRole: 'agent',
        relation: 'team',
        from: 'masked',
        to: 'full',
        effect: 'widens',
      }),
    );
    const yes = runCli([...args, '--yes'], { cwd });
    expect(yes.code).toBe(0);
    expect(existsSync(join(cwd, 'ws2/real-estate-viewing/veil-pack.json'))).toBe(true);
  });

  it('refuses to pack a pack whose template has an unacknowledged warning', () => {
    const copy = tempDir('veil-pack-copy-');
    const files = ['veil-pack.json', 'README.md', 'sample-data.json', 'templates/property-viewing.json'];
    mkdirSync(join(copy.dir, 'templates'));
    for (const f of files) writeFileSync(join(copy.dir, f), readFileSync(join(pack, f)));
    const template = JSON.parse(readFileSync(join(pack, 'templates/property-viewing.json'), 'utf8'));
    template.schema.properties.viewings.items.properties.feedback['x-privacy'].scan = false;
    writeFileSync(join(copy.dir, 'templates/property-viewing.json'), JSON.stringify(template));
    const run = runCli(['template', 'pack', copy.dir, '--out', 'bad.tgz', '--json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.json().error?.code).toBe('template-lint');
    expect(existsSync(join(cwd, 'bad.tgz'))).toBe(false);
    copy.remove();
  });
});
