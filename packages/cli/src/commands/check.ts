import type { CliContext, CommandResult } from '../core/cliContext.js';
import { type StoreFolderOptions, withOperator } from '../core/withOperator.js';

/**
 * `veil check`: what the store offers to check today — it opens (every collection and shard
 * parses, a lost collection file or a damaged one is named, the write-ahead log is replayed, a
 * torn tail cut off) and its audit chain verifies against its own signed checkpoints.
 */
export async function check(ctx: CliContext, options: StoreFolderOptions): Promise<CommandResult> {
  return withOperator(ctx, options, async (operator) => {
    const { recovery } = operator.store;
    const audit = await operator.store.verifyAudit();
    if (!audit.ok)
      return {
        exitCode: 1,
        text: ctx.t('check.auditBad', { seq: audit.firstBadSeq, reason: audit.reason }),
        json: {
          opened: true,
          recovery,
          audit: { ok: false, firstBadSeq: audit.firstBadSeq, reason: audit.reason },
        },
      };
    return {
      exitCode: 0,
      text: ctx.t('check.ok', { entries: audit.count, head: audit.head, replayed: recovery.replayedBatches }),
      json: { opened: true, recovery, audit: { ok: true, count: audit.count, head: audit.head } },
    };
  });
}
