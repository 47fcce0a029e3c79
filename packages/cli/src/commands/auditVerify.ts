import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type AuditCheckpoint, checkAuditStream, checkpointSignatureValid } from '@veil/store';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError, EXIT } from '../core/cliError.js';
import { parseJsonText } from '../core/readJsonFile.js';
import type { MessageKey } from '../i18n/messages.js';

/**
 * Where the embedded store keeps its audit log and its own checkpoints, relative to the data
 * folder (`openLowdbStore`'s layout; read here, never written).
 */
const AUDIT_LAYOUT = {
  log: ['audit', 'audit.jsonl'],
  checkpoints: ['audit', 'checkpoints.jsonl'],
} as const;

function readCheckpoints(ctx: CliContext, path: string): AuditCheckpoint[] {
  const text = readFileSync(path, 'utf8').trim();
  if (text === '') return [];
  const values = text.startsWith('[')
    ? parseJsonText(ctx.t, text, path)
    : text.split('\n').map((l) => parseJsonText(ctx.t, l, path));
  const list = (Array.isArray(values) ? values : [values]) as AuditCheckpoint[];
  for (const cp of list) {
    if (typeof cp?.seq !== 'number' || typeof cp.headHash !== 'string' || typeof cp.publicKey !== 'string') {
      throw new CliError('checkpoints-invalid', ctx.t('audit.checkpointsInvalid', { path }));
    }
  }
  return list;
}

/**
 * `veil audit verify --data DIR`: verifies the embedded store's hash-chained audit log read-only
 * (the file is opened for reading only; the store is not opened, so nothing is locked, repaired or
 * written). With `--checkpoints FILE` (checkpoints an auditor kept elsewhere) the log must match
 * each; with `--public-key FILE` those and the data folder's own checkpoints must carry that key.
 */
export async function auditVerify(
  ctx: CliContext,
  options: { data?: string; checkpoints?: string; publicKey?: string },
): Promise<CommandResult> {
  const { t } = ctx;
  const dataDir = resolve(ctx.cwd, options.data ?? ctx.env.VEIL_DATA_DIR ?? '.veil-data');
  const logPath = join(dataDir, ...AUDIT_LAYOUT.log);
  if (!existsSync(logPath)) throw new CliError('audit-missing', t('audit.missing', { path: dataDir }));
  let trustedPublicKey: string | undefined;
  if (options.publicKey !== undefined) {
    try {
      trustedPublicKey = createPublicKey(readFileSync(resolve(ctx.cwd, options.publicKey)))
        .export({ type: 'spki', format: 'pem' })
        .toString();
    } catch (error) {
      throw new CliError('key-invalid', t('pack.keyInvalid', { path: options.publicKey }), EXIT.findings, {
        cause: error,
      });
    }
  }
  const kept =
    options.checkpoints === undefined ? [] : readCheckpoints(ctx, resolve(ctx.cwd, options.checkpoints));
  for (const cp of kept) {
    if (
      !checkpointSignatureValid(cp) ||
      (trustedPublicKey !== undefined && cp.publicKey !== trustedPublicKey)
    ) {
      throw new CliError('checkpoint-signature', t('audit.checkpointKey', { seq: cp.seq }));
    }
  }
  const storedPath = join(dataDir, ...AUDIT_LAYOUT.checkpoints);
  const stored =
    trustedPublicKey !== undefined && existsSync(storedPath) ? readCheckpoints(ctx, storedPath) : [];
  const handle = await open(logPath, 'r');
  try {
    const { size } = await handle.stat();
    const result = await checkAuditStream(
      async (buffer, offset, length, position) =>
        (await handle.read(buffer, offset, length, position)).bytesRead,
      size,
      kept,
      trustedPublicKey === undefined ? {} : { stored, trustedPublicKey },
    );
    const checked = kept.length + stored.length;
    if (result.ok) {
      return {
        exitCode: 0,
        text: t('audit.ok', { count: result.count, head: result.head, checkpoints: checked }),
        json: { count: result.count, head: result.head, checkpoints: checked },
      };
    }
    return {
      exitCode: 1,
      text: t(`audit.fail.${result.reason}` as MessageKey, { seq: result.firstBadSeq }),
      json: { firstBadSeq: result.firstBadSeq, reason: result.reason, checkpoints: checked },
    };
  } finally {
    await handle.close();
  }
}
