import { createInterface } from 'node:readline';
import type { CliContext } from './cliContext.js';
import { CliError, EXIT } from './cliError.js';

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) text += String(chunk);
  return text;
}

async function prompt(ctx: CliContext, input: NodeJS.ReadableStream, question: string): Promise<string> {
  const rl = createInterface({ input, output: ctx.stderr, terminal: true });
  // Echo nothing of what is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s === question) ctx.stderr.write(s);
  };
  try {
    return await new Promise<string>((done) => rl.question(question, done));
  } finally {
    ctx.stderr.write('\n');
    rl.close();
  }
}

/**
 * A new password: the first line of stdin, or typed twice at a terminal. Never an argument (it
 * would show in the process list and the shell history). Checked for length here so a refusal
 * comes before the store is opened.
 */
export async function readNewPassword(ctx: CliContext): Promise<string> {
  const input = ctx.stdin;
  let password: string;
  if (input === undefined) password = '';
  else if (input.isTTY) {
    password = await prompt(ctx, input, ctx.t('secret.prompt'));
    if ((await prompt(ctx, input, ctx.t('secret.again'))) !== password)
      throw new CliError('password-mismatch', ctx.t('secret.mismatch'));
  } else password = ((await readAll(input)).split('\n')[0] ?? '').replace(/\r$/, '');
  if (password === '') throw new CliError('password-missing', ctx.t('secret.missing'), EXIT.usage);
  if (password.length < 10 || password.length > 200)
    throw new CliError('password-length', ctx.t('secret.length'));
  return password;
}
