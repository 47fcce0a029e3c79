import cliProgress from 'cli-progress';
import type { CliContext } from './cliContext.js';

/** A progress bar that is silent unless stderr is a terminal and the output is not JSON. */
export interface Progress {
  tick(label?: string): void;
  stop(): void;
}

const SILENT: Progress = { tick() {}, stop() {} };

/** Starts a bar of `total` steps on stderr (cli-progress writes nothing to a non-TTY stream). */
export function startProgress(ctx: CliContext, total: number, label: string): Progress {
  if (ctx.json || !ctx.stderr.isTTY || total < 2) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: ctx.stderr as NodeJS.WriteStream,
      format: `${label} [{bar}] {value}/{total} {item}`,
      noTTYOutput: false,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { item: '' });
  return {
    tick(item = '') {
      bar.increment(1, { item });
    },
    stop() {
      bar.stop();
    },
  };
}
