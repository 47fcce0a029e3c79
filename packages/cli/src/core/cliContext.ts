import type { Locale } from '../i18n/locale.js';
import type { Translator } from '../i18n/translate.js';

/** What every command receives: the language, the output mode and where to write. */
export interface CliContext {
  locale: Locale;
  t: Translator;
  /** `--json`: one JSON document on stdout, nothing else there. */
  json: boolean;
  /** The working directory paths are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where secrets (a new password) are read from; none in tests that pass no input. */
  stdin?: (NodeJS.ReadableStream & { isTTY?: boolean }) | undefined;
}

/** What a command hands back: the exit code, the JSON document and the human text. */
export interface CommandResult {
  exitCode: 0 | 1;
  /** Printed with `--json` (the `ok` and `exitCode` keys are added). */
  json: Record<string, unknown>;
  /** Printed otherwise; ends without a newline. */
  text: string;
  /** The command streamed JSON lines itself: the final document is printed on one line. */
  jsonLines?: boolean;
}
