import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI the tests run as a child process (`pnpm build` first). */
export const CLI = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The keys every `--json` document has. */
interface CliJson {
  ok: boolean;
  exitCode: number;
  error?: { code: string; message: string };
  [key: string]: unknown;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON, typed with the keys the test reads. */
  json: <T extends object = Record<string, unknown>>() => CliJson & T;
}

/** Runs `veil ARGS` in `cwd` (default: the repository root) with `LANG` (default English). */
export function runCli(
  args: string[],
  options: { cwd?: string; lang?: string; input?: string } = {},
): CliRun {
  if (!existsSync(CLI)) throw new Error(`The CLI is not built: run pnpm build (missing ${CLI}).`);
  const env = {
    ...process.env,
    LANG: options.lang ?? 'en_US.UTF-8',
    LC_ALL: '',
    LC_MESSAGES: '',
    NO_COLOR: '1',
  };
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    json: <T extends object>() => JSON.parse(r.stdout) as CliJson & T,
  };
}
