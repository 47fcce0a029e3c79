import { describeProcessing, type ProcessingLocale } from '@veil/schema';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';
import { loadTargets } from '../core/loadTargets.js';
import { requireParsed } from '../core/requireParsed.js';

/** `veil template describe`: the record of processing, as Markdown or (with `--json`) structured. */
export async function templateDescribe(
  ctx: CliContext,
  path: string,
  options: { policy?: string; locale?: string },
): Promise<CommandResult> {
  const { t } = ctx;
  const locale = (options.locale ?? ctx.locale) as ProcessingLocale;
  if (locale !== 'en' && locale !== 'zh-CN') {
    throw new CliError('locale-unknown', t('describe.locale', { locale: String(options.locale) }), 2);
  }
  const targets = loadTargets(ctx, [path], options.policy);
  const records = targets.map((target) => {
    requireParsed(t, target);
    return { file: target.file, ...describeProcessing(target.template, target.policy, { locale }) };
  });
  return {
    exitCode: 0,
    text: records.map((r) => r.markdown.trimEnd()).join('\n\n---\n\n'),
    json: { records: records.map((r) => ({ file: r.file, record: r.record })) },
  };
}
