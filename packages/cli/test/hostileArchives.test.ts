import { createPublicKey, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIntegrity, INTEGRITY_FILE } from '../src/index.js';
import { newKey, packArchive, packEntries, packFiles, tempDir } from './helpers/packFixtures.js';
import { type RawEntry, rawTar, rawTgz } from './helpers/rawTar.js';
import { runCli } from './helpers/runCli.js';

const base = packFiles('b2b-saas-sales');
const valid = packEntries(base);
const work = tempDir('veil-hostile-');
afterAll(() => work.remove());

/** One pax record, `<length> <key>=<value>\n`, where the length counts itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return `${length}${body}`;
}

let n = 0;
/** Installs `bytes` with the CLI from a fresh folder; returns the run and what the folder holds after. */
function install(bytes: Buffer, extra: string[] = []) {
  n += 1;
  const dir = join(work.dir, `case-${n}`);
  const scratch = tempDir('veil-hostile-case-');
  const archive = join(scratch.dir, 'pack.tgz');
  writeFileSync(archive, bytes);
  const run = runCli(
    ['template', 'install', archive, '--into', join(scratch.dir, 'installed'), '--json', ...extra],
    {
      cwd: scratch.dir,
    },
  );
  const after = scratch.list();
  scratch.remove();
  return { run, after, dir };
}

function expectRefused(bytes: Buffer, code: string, extra: string[] = []) {
  const { run, after } = install(bytes, extra);
  expect(run.code).toBe(1);
  const doc = run.json();
  expect(doc.ok).toBe(false);
  expect(doc.error?.code).toBe(code);
  expect(doc.error?.message).toMatch(/\S/);
  // Nothing was written: the folder holds only the archive the test put there.
  expect(after).toEqual(['pack.tgz']);
  return doc;
}

const withEntry = (entry: RawEntry) => rawTgz([...valid, entry]);

describe('veil template install refuses hostile archives, writing nothing', () => {
  it.each([
    ['../evil.json', 'path-traversal'],
    ['templates/../../evil.json', 'path-traversal'],
    ['..\\evil.json', 'path-traversal'],
    ['/etc/evil.json', 'absolute-path'],
    ['\\evil.json', 'absolute-path'],
    ['C:/evil.json', 'drive-letter'],
    ['c:evil.json', 'drive-letter'],
    ['templates/./x.json', 'name-invalid'],
    ['bad\nname.md', 'name-invalid'],
    ['bell\u0007.md', 'name-invalid'],
    ['stream.md:hidden', 'name-invalid'],
    ['templates/NUL.json', 'name-invalid'],
    ['trailing-dot.', 'name-invalid'],
  ])('an entry named %j (%s)', (name, code) => {
    const doc = expectRefused(withEntry({ name, data: '{}' }), code);
    expect(doc.error?.message).toContain('nothing was written');
  });

  it.each([
    ['a pax extended header', 'x', 'PaxHeader/evil.md'],
    ['a GNU long name', 'L', '././@LongLink'],
  ])('a path smuggled in %s', (_label, type, name) => {
    const target = '../../escaped.md';
    const data = type === 'x' ? paxRecord('path', target) : `${target}\0`;
    expectRefused(
      rawTgz([...valid, { name, type, data }, { name: 'harmless.md', data: 'x' }]),
      'path-traversal',
    );
  });

  it.each([
    ['symbolic link', '2', 'link'],
    ['hard link', '1', 'link'],
    ['character device', '3', 'device'],
    ['block device', '4', 'device'],
    ['FIFO', '6', 'device'],
  ])('a %s', (_label, type, code) => {
    const link = type === '1' || type === '2' ? { linkname: '/etc/passwd' } : {};
    expectRefused(withEntry({ name: 'README.md.bak', type, ...link }), code);
  });

  it('a symbolic link named like a pack file', () => {
    const entries = valid.map((e) =>
      e.name === 'README.md' ? { name: 'README.md', type: '2', linkname: '/etc/passwd' } : e,
    );
    expectRefused(rawTgz(entries), 'link');
  });

  it('a file larger than 2 MB', () => {
    expectRefused(withEntry({ name: 'big.md', data: randomBytes(3 * 1024 * 1024) }), 'file-too-large');
  });

  it('too many files', () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ name: `note-${i}.md`, data: 'x' }));
    expectRefused(rawTgz([...valid, ...many]), 'too-many-files');
  });

  it('a decompression bomb by ratio (10 MB of zeros in a few kB)', () => {
    const doc = expectRefused(
      withEntry({ name: 'zeros.md', data: Buffer.alloc(10 * 1024 * 1024) }),
      'archive-bomb',
    );
    expect(doc.error?.message).toMatch(/times its size/);
  });

  it('a decompression bomb by size (100 MB expanded) without expanding it all', () => {
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expectRefused(bomb, 'archive-bomb');
  });

  it('names that differ only in case', () => {
    expectRefused(rawTgz([...valid, { name: 'readme.MD', data: 'x' }]), 'duplicate-name');
  });

  it('names that differ only in Unicode normalisation (NFC vs NFD)', () => {
    expectRefused(
      rawTgz([...valid, { name: 'caf\u00e9.md', data: 'a' }, { name: 'cafe\u0301.md', data: 'b' }]),
      'duplicate-name',
    );
  });

  it('a second layer of compression', () => {
    expectRefused(gzipSync(gzipSync(rawTar(valid))), 'archive-nested');
  });

  it('something that is not a gzip archive', () => {
    expectRefused(Buffer.from('just text, not a pack'), 'archive-not-gzip');
  });

  it('an unknown manifest version', () => {
    const files = new Map(base);
    const manifest = JSON.parse((files.get('veil-pack.json') as Buffer).toString('utf8'));
    files.set('veil-pack.json', Buffer.from(JSON.stringify({ ...manifest, manifestVersion: 2 })));
    const doc = expectRefused(packArchive(files), 'manifest-version');
    expect(doc.error?.message).toContain('version 2');
  });

  it('a file changed after packing (checksum mismatch)', () => {
    const entries = valid.map((e) => (e.name === 'README.md' ? { ...e, data: 'changed' } : e));
    expectRefused(rawTgz(entries), 'checksum-mismatch');
  });

  it('a file added after packing', () => {
    expectRefused(withEntry({ name: 'NOTES.md', data: 'added later' }), 'integrity-unlisted');
  });

  it('a failed signature (content and checksums changed after signing)', () => {
    const key = newKey();
    const signed = buildIntegrity('b2b-saas-sales', '1.0.0', base, key);
    const files = new Map(base);
    files.set('README.md', Buffer.from('# replaced'));
    const resummed = buildIntegrity('b2b-saas-sales', '1.0.0', files);
    const forged = { ...resummed, signature: signed.signature };
    const entries = [
      ...[...files].map(([name, data]) => ({ name, data })),
      { name: INTEGRITY_FILE, data: JSON.stringify(forged) },
    ];
    expectRefused(rawTgz(entries), 'signature-invalid');
  });

  it('a signature by a key that is not trusted', () => {
    const scratch = tempDir('veil-keys-');
    const trusted = newKey();
    const pub = join(scratch.dir, 'trusted.pub');
    writeFileSync(pub, createPublicKey(trusted).export({ type: 'spki', format: 'pem' }));
    const doc = expectRefused(packArchive(base, newKey()), 'signature-untrusted', ['--trust', pub]);
    expect(doc.error?.message).toMatch(/SHA256:/);
    scratch.remove();
  });

  it('an unsigned pack when a signature is required', () => {
    expectRefused(packArchive(base), 'signature-missing', ['--require-signature']);
  });

  it('a template that fails validation', () => {
    const files = new Map(base);
    const path = 'templates/saas-deal.json';
    const template = JSON.parse((files.get(path) as Buffer).toString('utf8'));
    delete template.schema.properties.contacts.items.properties.mobile['x-privacy'].purpose;
    files.set(path, Buffer.from(JSON.stringify(template)));
    const doc = expectRefused(packArchive(files), 'template-lint');
    expect(JSON.stringify(doc.error)).toContain('purpose-missing');
  });

  it('a template that does not parse', () => {
    const files = new Map(base);
    files.set('templates/saas-deal.json', Buffer.from(JSON.stringify({ id: 'saas-deal', version: 1 })));
    expectRefused(packArchive(files), 'template-invalid');
  });

  it('a file the manifest does not declare (for example a script)', () => {
    const files = new Map(base);
    files.set('postinstall.js', Buffer.from('process.exit(1)'));
    expectRefused(packArchive(files), 'pack-unexpected-file');
  });

  it('an archive whose SHA-256 does not match the one given', () => {
    expectRefused(packArchive(base), 'archive-checksum', ['--sha256', '0'.repeat(64)]);
  });

  it('while the same pack, untouched, installs', () => {
    const { run, after } = install(packArchive(base));
    expect(run.code).toBe(0);
    expect(after).toContain('installed/b2b-saas-sales/veil-pack.json');
  });
});
