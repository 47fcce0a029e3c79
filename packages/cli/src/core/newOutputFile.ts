import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliContext } from './cliContext.js';
import { CliError } from './cliError.js';

/** The absolute path of a file a command is about to write; an existing file is never overwritten. */
export function newOutputFile(ctx: CliContext, path: string): string {
  const abs = resolve(ctx.cwd, path);
  if (existsSync(abs)) throw new CliError('output-exists', ctx.t('out.exists', { path }));
  return abs;
}
