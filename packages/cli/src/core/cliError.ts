/** Exit codes of every `veil` command. */
export const EXIT = {
  /** Everything fine. */
  ok: 0,
  /** Findings (lint warnings, PII spans, a privacy-weakening diff) or a failure. */
  findings: 1,
  /** The command line itself is wrong (unknown command or option, missing argument). */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A failure the user can act on: a stable `code`, a translated message that says what to do and
 * never holds a protected value, and the exit code (1 failure, 2 usage).
 */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  /** Extra machine-readable facts for `--json` (never a protected value). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    exitCode: ExitCode = EXIT.findings,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
    this.details = options.details;
  }
}
