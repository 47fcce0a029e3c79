import { resolve } from 'node:path';
import { parseTemplate } from '@veil/schema';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';
import { loadTargets } from '../core/loadTargets.js';
import { readJsonFile } from '../core/readJsonFile.js';
import { type RecordIssue, validateRecords } from '../core/validateRecords.js';
import { generateSample, SampleGenerationError } from '../sample/generateSample.js';

export interface ValidateOptions {
  policy?: string;
  /** A JSON file with one record's data or an array of them. */
  data?: string;
}

/**
 * `veil template validate`: the template parses; with `--data` the records fit it; for a pack,
 * its generated sample data fits each template. Exit 1 on any problem.
 */
export async function templateValidate(
  ctx: CliContext,
  path: string,
  options: ValidateOptions,
): Promise<CommandResult> {
  const { t } = ctx;
  const targets = loadTargets(ctx, [path], options.policy);
  if (options.data !== undefined && targets.length !== 1) {
    throw new CliError('data-needs-one-template', t('validate.dataOne'), 2);
  }
  const data = options.data === undefined ? undefined : readJsonFile(t, resolve(ctx.cwd, options.data));
  const lines: string[] = [];
  const out: Record<string, unknown>[] = [];
  let failed = false;
  for (const target of targets) {
    const parsed = parseTemplate(target.template, target.policy);
    if (parsed.status === 'error') {
      failed = true;
      lines.push(`${target.file}: ${t('validate.parseFailed', { count: parsed.errors.length })}`);
      for (const e of parsed.errors) lines.push(`  ${e.code}  ${e.path || '/'}  ${e.message}`);
      out.push({ file: target.file, status: 'invalid', errors: parsed.errors });
      continue;
    }
    let records: unknown[] | undefined;
    let source = '';
    if (data !== undefined) {
      records = Array.isArray(data) ? data : [data];
      source = options.data as string;
    } else if (target.pack !== undefined) {
      try {
        records = generateSample(parsed.template, target.pack.pack.sample);
      } catch (error) {
        if (!(error instanceof SampleGenerationError)) throw error;
        throw new CliError('sample-failed', t('sample.failed', { file: target.file, reason: error.message }));
      }
      source = t('validate.sample');
    }
    const issues: RecordIssue[] =
      records === undefined ? [] : validateRecords(parsed.template, records, ctx.locale);
    if (issues.length > 0) failed = true;
    lines.push(
      records === undefined
        ? `${target.file}: ${t('validate.ok')}`
        : `${target.file}: ${t('validate.records', { count: records.length, source, issues: issues.length })}`,
    );
    for (const i of issues.slice(0, 50)) lines.push(`  #${i.record + 1}  «${i.field}»  ${i.message}`);
    out.push({
      file: target.file,
      status: issues.length > 0 ? 'records-invalid' : 'valid',
      ...(records === undefined ? {} : { records: records.length, issues }),
    });
  }
  return { exitCode: failed ? 1 : 0, text: lines.join('\n'), json: { templates: out } };
}
