import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { CliError } from '../core/cliError.js';
import type { Translator } from '../i18n/translate.js';
import { ARCHIVE_LIMITS, type ArchiveLimits } from './archiveLimits.js';
import { checkEntryName, collisionKey } from './entryName.js';

/** One reason an archive is refused, with the entry it concerns (its name as stored, escaped). */
export interface ArchiveProblem {
  code: string;
  entry?: string;
}

const ALLOWED_TYPES = new Set(['File', 'OldFile', 'Directory']);
const REFUSED_TYPE_CODE: Record<string, string> = {
  SymbolicLink: 'link',
  Link: 'link',
  CharacterDevice: 'device',
  BlockDevice: 'device',
  FIFO: 'device',
};

/** The entry name made printable for a message (control characters escaped, length bounded). */
function printable(name: string): string {
  return JSON.stringify(name.slice(0, 120)).slice(1, -1);
}

function expand(t: Translator, bytes: Buffer, limits: ArchiveLimits): Buffer {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new CliError('archive-not-gzip', t('install.notGzip'));
  }
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes, { maxOutputLength: limits.maxExpandedBytes });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new CliError('archive-bomb', t('install.bomb', { max: limits.maxExpandedBytes }), 1, {
        cause: error,
      });
    }
    throw new CliError('archive-corrupt', t('install.corrupt'), 1, { cause: error });
  }
  if (tar.length > limits.ratioFloorBytes && tar.length / bytes.length > limits.maxRatio) {
    throw new CliError('archive-bomb', t('install.ratio', { ratio: Math.round(tar.length / bytes.length) }));
  }
  // A second compression layer would be expanded by the tar parser without these limits.
  if (
    (tar[0] === 0x1f && tar[1] === 0x8b) ||
    tar.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))
  ) {
    throw new CliError('archive-nested', t('install.nested'));
  }
  return tar;
}

/** Walks the tar stream in memory; reads file bodies only for entries that pass every check. */
function parseEntries(
  tar: Buffer,
  limits: ArchiveLimits,
): Promise<{ files: Map<string, Buffer>; problems: ArchiveProblem[] }> {
  const files = new Map<string, Buffer>();
  const problems: ArchiveProblem[] = [];
  const seen = new Map<string, string>();
  let entries = 0;
  let total = 0;
  return new Promise((resolve) => {
    const parser = new Parser({
      strict: false,
      onReadEntry(entry: ReadEntry) {
        entries += 1;
        const raw = entry.path;
        const problem = (code: string) => {
          problems.push({ code, entry: printable(raw) });
          entry.resume();
        };
        if (entries > limits.maxEntries) return problem('too-many-files');
        const code = REFUSED_TYPE_CODE[entry.type];
        if (code !== undefined || entry.linkpath) return problem(code ?? 'link');
        if (!ALLOWED_TYPES.has(entry.type)) return problem('entry-type');
        const checked = checkEntryName(raw);
        if (!checked.ok) return problem(checked.problem);
        const key = collisionKey(checked.name);
        if (seen.has(key)) return problem('duplicate-name');
        seen.set(key, checked.name);
        if (entry.type === 'Directory') return entry.resume();
        if (entry.size > limits.maxFileBytes) return problem('file-too-large');
        total += entry.size;
        if (total > limits.maxExpandedBytes) return problem('archive-too-large');
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => files.set(checked.name, Buffer.concat(chunks)));
      },
    });
    parser.on('warn', () => problems.push({ code: 'archive-corrupt' }));
    parser.on('error', () => problems.push({ code: 'archive-corrupt' }));
    parser.on('close', () => resolve({ files, problems }));
    parser.end(tar);
  });
}

/**
 * Reads a pack archive entirely in memory and refuses it — before anything is written — for:
 * not gzip, too large, a decompression bomb (expanded size or ratio), nested compression, too
 * many entries, links, devices and FIFOs, other entry types, absolute paths, drive letters, `..`,
 * invalid names, names that collide by case or Unicode normalisation, and oversized files.
 * Returns the files by normalised name (directories dropped).
 */
export async function readPackArchive(
  t: Translator,
  bytes: Buffer,
  limits: ArchiveLimits = ARCHIVE_LIMITS,
): Promise<Map<string, Buffer>> {
  if (bytes.length > limits.maxArchiveBytes) {
    throw new CliError('archive-too-large', t('install.tooLarge', { max: limits.maxArchiveBytes }));
  }
  const tar = expand(t, bytes, limits);
  const { files, problems } = await parseEntries(tar, limits);
  if (problems.length === 0 && files.size === 0) problems.push({ code: 'archive-empty' });
  // A damaged stream is reported only when no entry told a more specific story.
  const first = problems.find((p) => p.code !== 'archive-corrupt') ?? problems[0];
  if (first !== undefined) {
    throw new CliError(
      first.code,
      t('install.refused', {
        reason: t(`archive.${first.code}` as Parameters<Translator>[0]),
        entry: first.entry ?? '-',
      }),
      1,
      { details: { problems } },
    );
  }
  return files;
}
