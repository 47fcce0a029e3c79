import type { CliContext, CommandResult } from '../core/cliContext.js';
import { type StoreFolderOptions, withOperator } from '../core/withOperator.js';

/** `veil keys rotate`: the store's `rotateKeys` (new master and data keys; resumes an interrupted run), audited. */
export async function keysRotate(ctx: CliContext, options: StoreFolderOptions): Promise<CommandResult> {
  return withOperator(ctx, options, async (operator) => {
    const { reencrypted } = await operator.store.rotateKeys();
    await operator.store.appendAudit({
      actor: operator.actor,
      action: 'operator.keys-rotate',
      target: 'store',
      details: { reencrypted },
    });
    return { exitCode: 0, text: ctx.t('keys.rotated', { count: reencrypted }), json: { reencrypted } };
  });
}
