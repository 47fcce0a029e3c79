import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { StoreError } from '@veil/store';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';
import { holdsStore, type StoreFolderOptions, storeFolders, withOperator } from '../core/withOperator.js';

/**
 * `veil restore FILE --data DIR`: the store's `importBackup` into an empty data folder (or, with
 * `--replace`, over an existing store), with the same keys folder. The import checks that every
 * data key unwraps before it replaces anything; the audit chain is verified after.
 */
export async function restore(
  ctx: CliContext,
  file: string,
  options: StoreFolderOptions & { replace?: boolean },
): Promise<CommandResult> {
  const abs = resolve(ctx.cwd, file);
  if (!existsSync(abs)) throw new CliError('file-missing', ctx.t('file.missing', { path: file }));
  const { dataDir } = storeFolders(ctx, options);
  if (holdsStore(dataDir) && !options.replace)
    throw new CliError('store-not-empty', ctx.t('restore.notEmpty', { path: dataDir }));
  return withOperator(ctx, { ...options, create: true }, async (operator) => {
    try {
      await operator.store.importBackup(abs);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      throw new CliError('restore-failed', ctx.t('restore.failed', { reason: error.message }), 1, {
        cause: error,
        details: { storeCode: error.code },
      });
    }
    const audit = await operator.store.verifyAudit();
    if (!audit.ok)
      throw new CliError(
        'restore-audit',
        ctx.t('check.auditBad', { seq: audit.firstBadSeq, reason: audit.reason }),
        1,
        {
          details: { firstBadSeq: audit.firstBadSeq, reason: audit.reason },
        },
      );
    await operator.store.appendAudit({
      actor: operator.actor,
      action: 'operator.restore',
      target: 'store',
      details: { auditEntries: audit.count },
    });
    return {
      exitCode: 0,
      text: ctx.t('restore.done', { file, path: dataDir, entries: audit.count }),
      json: { dataDir, restoredFrom: abs, auditEntries: audit.count, head: audit.head },
    };
  });
}
