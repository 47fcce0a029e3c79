import { diffTemplates } from '@veil/schema';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';
import { fieldTitles } from '../core/fieldTitles.js';
import { loadTargets } from '../core/loadTargets.js';
import { requireParsed } from '../core/requireParsed.js';

/** `veil template diff OLD NEW`: what changed; exit 1 when the change is breaking or weakens privacy. */
export async function templateDiff(
  ctx: CliContext,
  oldPath: string,
  newPath: string,
  options: { policy?: string },
): Promise<CommandResult> {
  const { t } = ctx;
  const [a, b] = [loadTargets(ctx, [oldPath], options.policy), loadTargets(ctx, [newPath], options.policy)];
  if (a.length !== 1 || b.length !== 1) throw new CliError('diff-needs-templates', t('diff.oneEach'), 2);
  const [before, after] = [a[0], b[0]] as [NonNullable<(typeof a)[0]>, NonNullable<(typeof b)[0]>];
  requireParsed(t, before);
  requireParsed(t, after);
  const diff = diffTemplates(before.template, after.template, after.policy);
  const titles = fieldTitles(after.template, after.policy, ctx.locale);
  const oldTitles = fieldTitles(before.template, after.policy, ctx.locale);
  const title = (path: string) => titles.get(path) ?? oldTitles.get(path) ?? (path || t('diff.template'));
  const lines = diff.changes.map((c) => {
    const tags = [c.classification === 'breaking' ? t('diff.breaking') : t('diff.compatible')];
    if (c.privacy === 'weakens') tags.push(t('diff.weakens'));
    if (c.privacy === 'strengthens') tags.push(t('diff.strengthens'));
    return `  «${title(c.path)}»  ${c.kind}${c.role ? ` (${c.role})` : ''}  [${tags.join(', ')}]  ${c.message}`;
  });
  lines.unshift(t('diff.summary', { count: diff.changes.length, from: before.file, to: after.file }));
  if (diff.weakensPrivacy) lines.push(t('diff.weakensHint'));
  return {
    exitCode: diff.breaking || diff.weakensPrivacy ? 1 : 0,
    text: lines.join('\n'),
    json: {
      breaking: diff.breaking,
      weakensPrivacy: diff.weakensPrivacy,
      changes: diff.changes.map((c) => ({ ...c, field: title(c.path) })),
    },
  };
}
