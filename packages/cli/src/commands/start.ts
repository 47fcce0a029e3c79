import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError, EXIT } from '../core/cliError.js';

export interface StartOptions {
  port?: string;
  host?: string;
  /** Data folder (default `.veil-data`; for `demo` a fresh temporary one). */
  data?: string;
  keys?: string;
  /** `demo`: keep the temporary folders after the server stops. */
  keep?: boolean;
}

/** The server's entry point, beside the built `@veil/server` it resolves to. */
function serverMain(): string {
  const entry = fileURLToPath(import.meta.resolve('@veil/server'));
  return join(dirname(entry), 'main.js');
}

const READY = /^Veil is running at (\S+)/;

/**
 * `veil start` / `veil demo`: runs the built server (`@veil/server`'s `main.js`, what `pnpm start`
 * runs after building) with the options as its environment, forwarding SIGINT/SIGTERM. `demo`
 * uses a fresh temporary data and keys folder, seeded with the demo workspace, removed on exit.
 * With `--json`, stdout carries JSON lines: the server's log lines and a `ready` event with the URL.
 */
export async function start(
  ctx: CliContext,
  mode: 'start' | 'demo',
  options: StartOptions,
): Promise<CommandResult> {
  const { t } = ctx;
  const main = serverMain();
  if (!existsSync(main)) throw new CliError('server-not-built', t('start.notBuilt'));
  if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) {
    throw new CliError('port-invalid', t('start.port', { port: options.port }), EXIT.usage);
  }
  const temp =
    mode === 'demo' && options.data === undefined ? mkdtempSync(join(tmpdir(), 'veil-demo-')) : undefined;
  const env: NodeJS.ProcessEnv = { ...ctx.env };
  if (options.port !== undefined) env.PORT = options.port;
  if (options.host !== undefined) env.HOST = options.host;
  if (temp !== undefined) {
    env.VEIL_DATA_DIR = join(temp, 'data');
    env.VEIL_KEYS_DIR = join(temp, 'keys');
  }
  if (options.data !== undefined) env.VEIL_DATA_DIR = resolve(ctx.cwd, options.data);
  if (options.keys !== undefined) env.VEIL_KEYS_DIR = resolve(ctx.cwd, options.keys);
  if (!ctx.json && temp !== undefined) ctx.stderr.write(`${t('start.demoFolder', { path: temp })}\n`);

  const child = spawn(process.execPath, [main], {
    cwd: ctx.cwd,
    env,
    stdio: ['ignore', ctx.json ? 'pipe' : 'inherit', 'inherit'],
  });
  let url: string | undefined;
  if (ctx.json && child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const ready = READY.exec(line);
      if (ready) {
        url = ready[1];
        ctx.stdout.write(
          `${JSON.stringify({ event: 'ready', mode, url, ...(temp ? { demoFolder: temp } : {}) })}\n`,
        );
      } else if (line.startsWith('{')) ctx.stdout.write(`${line}\n`);
    });
  }
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const code = await new Promise<number>((done) => {
    child.on('exit', (status, signal) => done(status ?? (signal ? 0 : 1)));
    child.on('error', () => done(1));
  });
  process.off('SIGINT', onInt);
  process.off('SIGTERM', onTerm);
  if (temp !== undefined && !options.keep) rmSync(temp, { recursive: true, force: true });
  return {
    exitCode: code === 0 ? 0 : 1,
    text: code === 0 ? t('start.stopped') : t('start.failed', { code }),
    json: { event: 'stopped', mode, ...(url ? { url } : {}), serverExitCode: code },
    jsonLines: true,
  };
}
