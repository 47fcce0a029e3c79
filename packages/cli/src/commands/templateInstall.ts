import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseTemplate, type SanitizedTemplate } from '@veil/schema';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError, EXIT } from '../core/cliError.js';
import { loadPolicy } from '../core/loadPolicy.js';
import { ARCHIVE_LIMITS } from '../pack/archiveLimits.js';
import { checkPackContents, checkPackTemplates } from '../pack/checkPack.js';
import { mapTemplate } from '../pack/mapTemplate.js';
import { sha256Hex, verifyIntegrity } from '../pack/packIntegrity.js';
import { PACK_MANIFEST_FILE } from '../pack/packManifest.js';
import { type PrivacyChange, previewMapping } from '../pack/previewMapping.js';
import { readPack } from '../pack/readPack.js';
import { readPackArchive } from '../pack/readPackArchive.js';
import { resolveMapping } from '../pack/resolveMapping.js';

export interface InstallOptions {
  /** Folder the pack is installed into (as `<into>/<pack name>/`). */
  into?: string;
  /** The workspace policy to map onto (default: `@veil/schema`'s default). */
  policy?: string;
  /** `role:PACK=WORKSPACE` / `purpose:PACK=WORKSPACE`. */
  map?: string[];
  /** Public keys (PEM files) whose signature is required. */
  trust?: string[];
  requireSignature?: boolean;
  /** Expected SHA-256 of the archive (default: `<archive>.sha256` beside it, when present). */
  sha256?: string;
  /** Accept a mapping that widens access or loosens export. */
  yes?: boolean;
  /** Check and preview only; write nothing. */
  dryRun?: boolean;
}

function readTrusted(ctx: CliContext, paths: readonly string[]): KeyObject[] {
  return paths.map((path) => {
    try {
      return createPublicKey(readFileSync(resolve(ctx.cwd, path)));
    } catch (error) {
      throw new CliError('key-invalid', ctx.t('pack.keyInvalid', { path }), 1, { cause: error });
    }
  });
}

function expectedChecksum(ctx: CliContext, archive: string, option: string | undefined): string | undefined {
  if (option !== undefined) {
    if (!/^[0-9a-f]{64}$/i.test(option))
      throw new CliError('sha256-syntax', ctx.t('install.sha256Syntax'), EXIT.usage);
    return option.toLowerCase();
  }
  const sidecar = `${archive}.sha256`;
  if (!existsSync(sidecar)) return undefined;
  const hex = /^([0-9a-f]{64})\b/i.exec(readFileSync(sidecar, 'utf8'))?.[1];
  if (hex === undefined) throw new CliError('sha256-sidecar', ctx.t('install.sidecar', { path: sidecar }));
  return hex.toLowerCase();
}

function describeChange(ctx: CliContext, c: PrivacyChange): string {
  const arrow = `${c.from} → ${c.to}`;
  const mark = c.effect === 'widens' ? ctx.t('install.widens') : ctx.t('install.narrows');
  if (c.kind === 'export')
    return `  ${mark}  ${c.template} «${c.field}»  ${ctx.t('install.export')}: ${arrow}`;
  const who = c.packRole
    ? `${c.role} (${ctx.t('install.fromPackRole', { role: c.packRole })})`
    : `${c.role} (${ctx.t('install.notInPack')})`;
  return `  ${mark}  ${c.template} «${c.field}»  ${who}, ${c.relation}: ${arrow}`;
}

/**
 * `veil template install ARCHIVE --into DIR`: checks the archive (checksum, safe entries,
 * integrity and signature, manifest version, declared files, templates lint clean), maps the
 * pack's roles and purposes onto the workspace's, shows the privacy diff of that mapping, and —
 * unless it widens access without `--yes`, or `--dry-run` — writes the mapped pack to
 * `<into>/<name>/` through a temporary folder renamed into place. Nothing is written on refusal.
 */
export async function templateInstall(
  ctx: CliContext,
  archivePath: string,
  options: InstallOptions,
): Promise<CommandResult> {
  const { t } = ctx;
  if (options.into === undefined && !options.dryRun)
    throw new CliError('into-missing', t('install.into'), EXIT.usage);
  const archive = resolve(ctx.cwd, archivePath);
  let size: number;
  try {
    size = statSync(archive).size;
  } catch (error) {
    throw new CliError('file-missing', t('file.missing', { path: archivePath }), 1, { cause: error });
  }
  if (size > ARCHIVE_LIMITS.maxArchiveBytes) {
    throw new CliError('archive-too-large', t('install.tooLarge', { max: ARCHIVE_LIMITS.maxArchiveBytes }));
  }
  const bytes = readFileSync(archive);
  const sha256 = sha256Hex(bytes);
  const expected = expectedChecksum(ctx, archive, options.sha256);
  if (expected !== undefined && expected !== sha256)
    throw new CliError('archive-checksum', t('install.archiveChecksum'));
  const workspace = loadPolicy(
    t,
    options.policy === undefined ? undefined : resolve(ctx.cwd, options.policy),
  );
  const trusted = readTrusted(ctx, options.trust ?? []);

  const files = await readPackArchive(t, bytes);
  const verdict = verifyIntegrity(t, files, { trusted, requireSignature: options.requireSignature === true });
  const pack = readPack(t, files);
  const integrity = JSON.parse((files.get('veil-pack.integrity.json') as Buffer).toString('utf8')) as {
    name: string;
    packVersion: string;
  };
  if (integrity.name !== pack.manifest.name || integrity.packVersion !== pack.manifest.version) {
    throw new CliError('integrity-invalid', t('install.integrityInvalid'));
  }
  checkPackContents(t, files, pack);
  const authored = checkPackTemplates(t, pack, ctx.locale);

  const mapping = resolveMapping(t, ctx.locale, pack.manifest, workspace, options.map ?? []);
  const mapped = pack.templates.map(({ path, template }) => ({
    path,
    template: mapTemplate(template, mapping),
  }));
  const installed: SanitizedTemplate[] = mapped.map(({ path, template }) => {
    const parsed = parseTemplate(template, workspace);
    if (parsed.status === 'error') {
      const first = parsed.errors[0];
      throw new CliError(
        'mapped-invalid',
        t('install.mappedInvalid', { file: path, first: first ? first.message : '' }),
        1,
        {
          details: { errors: parsed.errors },
        },
      );
    }
    return parsed.template;
  });
  const preview = previewMapping(authored, installed, mapping, workspace, ctx.locale);
  const { name, version } = pack.manifest;
  const target = options.into === undefined ? undefined : resolve(ctx.cwd, options.into, name);
  const summary = {
    name,
    version,
    sha256,
    signed: verdict.signed,
    ...(verdict.keyFingerprint ? { keyFingerprint: verdict.keyFingerprint, trusted: verdict.trusted } : {}),
    mapping,
    preview,
  };
  const lines = [
    t('install.verified', { name, version, files: files.size }),
    verdict.signed
      ? t(verdict.trusted ? 'install.signedTrusted' : 'install.signedUntrusted', {
          fingerprint: verdict.keyFingerprint ?? '',
        })
      : t('install.unsigned'),
    t('install.mapping', {
      roles: Object.entries(mapping.roles)
        .map(([a, b]) => `${a}→${b}`)
        .join(', '),
      purposes:
        Object.entries(mapping.purposes)
          .map(([a, b]) => `${a}→${b}`)
          .join(', ') || '-',
    }),
    preview.changes.length === 0
      ? t('install.noChanges')
      : t('install.changes', { count: preview.changes.length }),
    ...preview.changes.map((c) => describeChange(ctx, c)),
  ];
  if (preview.widens && !options.yes) {
    lines.push(t('install.needsYes'));
    return {
      exitCode: 1,
      text: lines.join('\n'),
      json: { ...summary, installed: false, reason: 'widens-access' },
    };
  }
  if (options.dryRun || target === undefined) {
    lines.push(t('install.dryRun'));
    return { exitCode: 0, text: lines.join('\n'), json: { ...summary, installed: false, reason: 'dry-run' } };
  }
  if (existsSync(target))
    throw new CliError('install-exists', t('install.exists', { path: relative(ctx.cwd, target) || target }));

  const stage = `${target}.installing-${process.pid}`;
  rmSync(stage, { recursive: true, force: true });
  try {
    const write = (rel: string, content: Buffer | string) => {
      const path = join(stage, ...rel.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content, { mode: 0o644 });
    };
    for (const [path, content] of files) {
      if (!pack.manifest.templates.includes(path)) write(path, content);
    }
    for (const { path, template } of mapped) write(path, `${JSON.stringify(template, null, 2)}\n`);
    write(
      'veil-install.json',
      `${JSON.stringify({ name, version, sha256, signed: verdict.signed, keyFingerprint: verdict.keyFingerprint ?? null, mapping, manifest: PACK_MANIFEST_FILE }, null, 2)}\n`,
    );
    renameSync(stage, target);
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    throw error;
  }
  lines.push(t('install.done', { path: relative(ctx.cwd, target) || target }));
  return { exitCode: 0, text: lines.join('\n'), json: { ...summary, installed: true, path: target } };
}
