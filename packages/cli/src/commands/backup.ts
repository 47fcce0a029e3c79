import { statSync } from 'node:fs';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { newOutputFile } from '../core/newOutputFile.js';
import { type StoreFolderOptions, withOperator } from '../core/withOperator.js';

/**
 * `veil backup --out FILE`: the store's `exportBackup` (collections with data keys wrapped,
 * encrypted shards, the audit log's bytes, the checkpoints; never a raw key). The backup is
 * audited first, so the file holds its own entry.
 */
export async function backup(
  ctx: CliContext,
  options: StoreFolderOptions & { out: string },
): Promise<CommandResult> {
  const file = newOutputFile(ctx, options.out);
  return withOperator(ctx, options, async (operator) => {
    const entry = await operator.store.appendAudit({
      actor: operator.actor,
      action: 'operator.backup',
      target: 'store',
      details: {},
    });
    await operator.store.exportBackup(file);
    const bytes = statSync(file).size;
    return {
      exitCode: 0,
      text: ctx.t('backup.done', { path: options.out, bytes, entries: entry.seq }),
      json: { file, bytes, auditEntries: entry.seq },
    };
  });
}
