import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diffTemplates, formatLintMessage, lintTemplate, type Template } from '@veil/schema';
import { callProcedure } from '../core/callProcedure.js';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';
import { fieldTitles } from '../core/fieldTitles.js';
import { readJsonFile } from '../core/readJsonFile.js';
import { requireParsed } from '../core/requireParsed.js';
import { type StoreFolderOptions, withOperator } from '../core/withOperator.js';

export interface PublishOptions extends StoreFolderOptions {
  /** Confirm a version that breaks records or weakens privacy. */
  yes?: boolean;
  dryRun?: boolean;
}

function readTemplate(ctx: CliContext, path: string): Template {
  const abs = resolve(ctx.cwd, path);
  const file = existsSync(abs) && statSync(abs).isDirectory() ? join(abs, 'template.json') : abs;
  return readJsonFile(ctx.t, file) as Template;
}

/**
 * `veil template publish FILE`: publishes a template into the store as its next version, checked
 * first against the store's own workspace policy (it parses, lint finds no error, a breaking or
 * privacy-weakening change is confirmed with `--yes`), then through `templates.saveDraft` and
 * `templates.publish` as the operator holding `templates.publish`. A draft someone is editing in
 * the builder is never overwritten; a refusal writes nothing.
 */
export async function templatePublish(
  ctx: CliContext,
  path: string,
  options: PublishOptions,
): Promise<CommandResult> {
  const { t } = ctx;
  const template = readTemplate(ctx, path);
  return withOperator(ctx, options, async (operator) => {
    const policy = await (await operator.callerWith('workspace.manage')).workspace.get();
    const { id } = requireParsed(t, { file: path, template, policy });
    const lint = lintTemplate(template, policy);
    const titles = fieldTitles(template, policy, ctx.locale);
    const errors = lint.findings.filter((f) => f.severity === 'error');
    if (!lint.publishable)
      throw new CliError(
        'lint-errors',
        [
          t('publish.lint', { count: errors.length }),
          ...errors.map(
            (f) =>
              `  «${titles.get(f.path) ?? f.path}»  ${f.code}  ${formatLintMessage(f, ctx.locale, { policy })}`,
          ),
        ].join('\n'),
        1,
        { details: { findings: errors.map((f) => ({ ...f, field: titles.get(f.path) ?? null })) } },
      );
    const design = await operator.callerWith('templates.publish');
    const current = await design.templates.get({ templateId: id }).catch(() => undefined);
    if (current?.source === 'draft') throw new CliError('draft-exists', t('publish.draftExists', { id }));
    const version = (current?.source === 'published' ? current.latestVersion : 0) + 1;
    const diff =
      current?.source === 'published'
        ? diffTemplates(current.template, { ...template, version }, policy)
        : null;
    const needsConfirm = diff !== null && (diff.breaking || diff.weakensPrivacy);
    const changes = (diff?.changes ?? [])
      .filter((c) => c.classification === 'breaking' || c.privacy === 'weakens')
      .map((c) => ({ ...c, field: titles.get(c.path) ?? c.path }));
    if (needsConfirm && !options.yes)
      throw new CliError(
        'confirmation-required',
        [
          t('publish.confirm', { id, version }),
          ...changes.map((c) => `  «${c.field}»  ${c.kind}  ${c.message}`),
        ].join('\n'),
        1,
        { details: { changes } },
      );
    const json = {
      id,
      version,
      breaking: diff?.breaking ?? false,
      weakensPrivacy: diff?.weakensPrivacy ?? false,
    };
    if (options.dryRun)
      return { exitCode: 0, text: t('publish.dryRun', { id, version }), json: { ...json, dryRun: true } };
    await callProcedure(ctx, () =>
      design.templates.saveDraft({ template: template as unknown as Record<string, unknown> }),
    );
    const result = await callProcedure(ctx, () =>
      design.templates.publish({ templateId: id, ...(needsConfirm ? { confirm: true } : {}) }),
    );
    return {
      exitCode: 0,
      text: t('publish.done', { id, version: result.version }),
      json: { ...json, version: result.version },
    };
  });
}
