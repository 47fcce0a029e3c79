import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTranslator } from '../../src/i18n/translate.js';
import { buildIntegrity, collectPackFiles, INTEGRITY_FILE } from '../../src/index.js';
import { type RawEntry, rawTgz } from './rawTar.js';
import { ROOT } from './runCli.js';

export const t = createTranslator('en');
const PACKS_DIR = join(ROOT, 'templates', 'packs');
export const PACK_NAMES = readdirSync(PACKS_DIR)
  .filter((n) => statSync(join(PACKS_DIR, n)).isDirectory())
  .sort();

/** The files of a bundled pack, by path. */
export function packFiles(name: string): Map<string, Buffer> {
  return collectPackFiles(t, join(PACKS_DIR, name));
}

/** Entries of an archive of `files` with a fresh integrity file (signed with `key` if given). */
export function packEntries(files: ReadonlyMap<string, Buffer>, key?: KeyObject): RawEntry[] {
  const manifest = JSON.parse((files.get('veil-pack.json') as Buffer).toString('utf8')) as {
    name: string;
    version: string;
  };
  const integrity = buildIntegrity(manifest.name, manifest.version, files, key);
  return [
    ...[...files].map(([name, data]) => ({ name, data })),
    { name: INTEGRITY_FILE, data: JSON.stringify(integrity) },
  ];
}

export function packArchive(files: ReadonlyMap<string, Buffer>, key?: KeyObject): Buffer {
  return rawTgz(packEntries(files, key));
}

export function newKey(): KeyObject {
  const { privateKey } = generateKeyPairSync('ed25519');
  return createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
}

/** A temporary folder, with a helper listing everything in it (to prove nothing was written). */
export function tempDir(prefix: string): { dir: string; list: () => string[]; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const list = (): string[] => {
    const out: string[] = [];
    const walk = (rel: string) => {
      for (const name of readdirSync(join(dir, rel))) {
        const path = rel ? `${rel}/${name}` : name;
        out.push(path);
        if (statSync(join(dir, path)).isDirectory()) walk(path);
      }
    };
    walk('');
    return out.sort();
  };
  return { dir, list, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
