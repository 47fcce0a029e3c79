import { formatLintMessage, type LintFinding, lintTemplate } from '@veil/schema';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { fieldTitles } from '../core/fieldTitles.js';
import { loadTargets } from '../core/loadTargets.js';
import { startProgress } from '../core/progress.js';

export interface LintOptions {
  policy?: string;
}

/** `veil template lint`: lint findings of every template; exit 1 on an error or an unacknowledged warning. */
export async function templateLint(
  ctx: CliContext,
  paths: string[],
  options: LintOptions,
): Promise<CommandResult> {
  const { t } = ctx;
  const targets = loadTargets(ctx, paths, options.policy);
  const progress = startProgress(ctx, targets.length, 'lint');
  const results = targets.map((target) => {
    progress.tick(target.file);
    const report = lintTemplate(target.template, target.policy);
    const titles = fieldTitles(target.template, target.policy, ctx.locale);
    return { target, report, titles };
  });
  progress.stop();
  const open = (f: LintFinding) => f.acknowledged === undefined;
  const errors = results.reduce(
    (n, r) => n + r.report.findings.filter((f) => f.severity === 'error').length,
    0,
  );
  const warnings = results.reduce(
    (n, r) => n + r.report.findings.filter((f) => f.severity === 'warning' && open(f)).length,
    0,
  );
  const acknowledged = results.reduce((n, r) => n + r.report.findings.filter((f) => !open(f)).length, 0);
  const lines: string[] = [];
  for (const { target, report, titles } of results) {
    lines.push(`${target.file}  (${t('lint.policy', { source: target.policySource })})`);
    for (const f of report.findings) {
      const where = titles.get(f.path) ?? f.path;
      const label = f.severity === 'error' ? t('lint.error') : t('lint.warning');
      const ack = f.acknowledged ? `  [${t('lint.acknowledged', { reason: f.acknowledged.reason })}]` : '';
      const message = formatLintMessage(f, ctx.locale, { policy: target.policy });
      lines.push(`  ${label}  ${f.code}  «${where}»  ${message}${ack}`);
    }
  }
  lines.push(t('lint.summary', { templates: results.length, errors, warnings, acknowledged }));
  const failed = errors > 0 || warnings > 0;
  return {
    exitCode: failed ? 1 : 0,
    text: lines.join('\n'),
    json: {
      summary: { templates: results.length, errors, warnings, acknowledged },
      templates: results.map(({ target, report, titles }) => ({
        file: target.file,
        id: target.template.id,
        policy: target.policySource,
        publishable: report.publishable,
        findings: report.findings.map((f) => ({ ...f, field: titles.get(f.path) ?? null })),
      })),
    },
  };
}
