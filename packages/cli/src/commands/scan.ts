import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectPii, maskPiiValue } from '@veil/policy';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';

const MAX_SCAN_BYTES = 16 * 1024 * 1024;

/** Line and column (1-based, UTF-16 units) of an offset. */
function lineColumn(offset: number, lineStarts: number[]): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
}

/**
 * `veil scan FILE`: personal data spans in a UTF-8 text file (`detectPii`). Prints each span's
 * type and place with the value masked — never the value itself. Exit 1 when anything is found.
 */
export async function scan(
  ctx: CliContext,
  path: string,
  options: { today?: string },
): Promise<CommandResult> {
  const { t } = ctx;
  const file = resolve(ctx.cwd, path);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new CliError('file-missing', t('file.missing', { path }), 1, { cause: error });
  }
  if (size > MAX_SCAN_BYTES)
    throw new CliError('file-too-large', t('file.tooLarge', { path, max: MAX_SCAN_BYTES }));
  if (options.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) {
    throw new CliError('today-invalid', t('scan.today'), 2);
  }
  const text = readFileSync(file, 'utf8');
  const spans = detectPii(text, options.today === undefined ? {} : { today: options.today });
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const found = spans.map((s) => ({
    type: s.type,
    start: s.start,
    end: s.end,
    confidence: s.confidence,
    ...lineColumn(s.start, lineStarts),
    masked: maskPiiValue(s.type, text.slice(s.start, s.end)),
  }));
  const counts: Record<string, number> = {};
  for (const s of found) counts[s.type] = (counts[s.type] ?? 0) + 1;
  const lines = found.map((s) => `${path}:${s.line}:${s.column}  ${s.type}  ${s.masked}`);
  lines.push(
    found.length === 0
      ? t('scan.none', { path })
      : t('scan.summary', {
          count: found.length,
          types: Object.entries(counts)
            .map(([k, v]) => `${k} ${v}`)
            .join(', '),
        }),
  );
  return {
    exitCode: found.length > 0 ? 1 : 0,
    text: lines.join('\n'),
    json: { file: path, spans: found, counts },
  };
}
