import { writeFileSync } from 'node:fs';
import { callProcedure } from '../core/callProcedure.js';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError, EXIT } from '../core/cliError.js';
import { newOutputFile } from '../core/newOutputFile.js';
import { type StoreFolderOptions, withOperator } from '../core/withOperator.js';

function seqOf(ctx: CliContext, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(value))
    throw new CliError('seq-invalid', ctx.t('seq.invalid', { value }), EXIT.usage);
  return Number(value);
}

/**
 * `veil audit export --out FILE [--from N] [--to M]`: the `audit.export` procedure as the
 * operator holding `audit.read` (the export is itself audited), written as JSON lines.
 */
export async function auditExport(
  ctx: CliContext,
  options: StoreFolderOptions & { out: string; from?: string; to?: string },
): Promise<CommandResult> {
  const fromSeq = seqOf(ctx, options.from);
  const toSeq = seqOf(ctx, options.to);
  const file = newOutputFile(ctx, options.out);
  return withOperator(ctx, options, async (operator) => {
    const caller = await operator.callerWith('audit.read');
    const { jsonl, count } = await callProcedure(ctx, () =>
      caller.audit.export({ ...(fromSeq ? { fromSeq } : {}), ...(toSeq ? { toSeq } : {}) }),
    );
    writeFileSync(file, jsonl === '' ? '' : `${jsonl}\n`, { mode: 0o600, flag: 'wx' });
    return {
      exitCode: 0,
      text: ctx.t('auditExport.done', { count, path: options.out }),
      json: { file, count },
    };
  });
}
