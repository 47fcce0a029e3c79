import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';
import { checkPackContents, checkPackTemplates } from '../pack/checkPack.js';
import { collectPackFiles } from '../pack/collectPackFiles.js';
import { buildIntegrity, INTEGRITY_FILE, keyFingerprint, sha256Hex } from '../pack/packIntegrity.js';
import { readPack } from '../pack/readPack.js';
import { writePackArchive } from '../pack/writePackArchive.js';

function readPrivateKey(ctx: CliContext, path: string): KeyObject {
  try {
    const key = createPrivateKey(readFileSync(resolve(ctx.cwd, path)));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch (error) {
    throw new CliError('key-invalid', ctx.t('pack.keyInvalid', { path }), 1, { cause: error });
  }
}

/**
 * `veil template pack DIR`: checks the pack (manifest, declared files only, templates lint clean,
 * sample data valid), then writes one `.tgz` with a checksum file and, with `--key`, the
 * author's Ed25519 signature; and `<archive>.sha256` beside it.
 */
export async function templatePack(
  ctx: CliContext,
  dir: string,
  options: { out?: string; key?: string },
): Promise<CommandResult> {
  const { t } = ctx;
  const abs = resolve(ctx.cwd, dir);
  const files = collectPackFiles(t, abs);
  const pack = readPack(t, files);
  checkPackContents(t, files, pack);
  checkPackTemplates(t, pack, ctx.locale);
  const key = options.key === undefined ? undefined : readPrivateKey(ctx, options.key);
  const { name, version } = pack.manifest;
  const integrity = buildIntegrity(name, version, files, key);
  const archived = new Map(files);
  archived.set(INTEGRITY_FILE, Buffer.from(`${JSON.stringify(integrity, null, 2)}\n`));
  const out = resolve(ctx.cwd, options.out ?? `${name}-${version}.tgz`);
  await writePackArchive(archived, out);
  const sha256 = sha256Hex(readFileSync(out));
  writeFileSync(`${out}.sha256`, `${sha256}  ${basename(out)}\n`);
  const fingerprint = key === undefined ? undefined : keyFingerprint(key);
  const shown = relative(ctx.cwd, out) || out;
  return {
    exitCode: 0,
    text: [
      t('pack.done', { file: shown, name, version, files: archived.size }),
      `sha256 ${sha256}`,
      fingerprint ? t('pack.signed', { fingerprint }) : t('pack.unsigned'),
    ].join('\n'),
    json: {
      archive: shown,
      name,
      version,
      sha256,
      files: [...archived.keys()].sort(),
      templates: pack.manifest.templates.length,
      signed: fingerprint !== undefined,
      ...(fingerprint ? { keyFingerprint: fingerprint } : {}),
    },
  };
}
