import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';
import { loadTargets } from '../core/loadTargets.js';
import { requireParsed } from '../core/requireParsed.js';
import { generateSample, SampleGenerationError } from '../sample/generateSample.js';

/** `veil template sample PACK`: the pack's seeded sample records, per template. */
export async function templateSample(
  ctx: CliContext,
  path: string,
  options: { count?: string; seed?: string; template?: string },
): Promise<CommandResult> {
  const { t } = ctx;
  const count = options.count === undefined ? undefined : Number(options.count);
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (
    (count !== undefined && !(Number.isInteger(count) && count > 0 && count <= 1000)) ||
    (seed !== undefined && !Number.isInteger(seed))
  ) {
    throw new CliError('sample-options', t('sample.options'), 2);
  }
  const targets = loadTargets(ctx, [path]).filter(
    (x) => options.template === undefined || x.template.id === options.template,
  );
  if (targets.length === 0 || targets.some((x) => x.pack === undefined)) {
    throw new CliError('sample-needs-pack', t('sample.needsPack'), 2);
  }
  const records: Record<string, unknown[]> = {};
  for (const target of targets) {
    const sanitized = requireParsed(t, target);
    const spec = target.pack?.pack.sample;
    if (spec === undefined) throw new CliError('sample-needs-pack', t('sample.needsPack'), 2);
    try {
      records[sanitized.id] = generateSample(sanitized, spec, {
        ...(count === undefined ? {} : { count }),
        ...(seed === undefined ? {} : { seed }),
      });
    } catch (error) {
      if (!(error instanceof SampleGenerationError)) throw error;
      throw new CliError('sample-failed', t('sample.failed', { file: target.file, reason: error.message }));
    }
  }
  return { exitCode: 0, text: JSON.stringify(records, null, 2), json: { records } };
}
