import { readFileSync, statSync } from 'node:fs';
import type { Translator } from '../i18n/translate.js';
import { CliError } from './cliError.js';

/** Largest JSON file a command reads (a template is at most 2 MB; a data file may be larger). */
const MAX_JSON_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads and parses a JSON file. Errors name the file and say what to do; they never quote its
 * content (it may hold personal data).
 */
export function readJsonFile(t: Translator, path: string, maxBytes = MAX_JSON_FILE_BYTES): unknown {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CliError('not-a-file', t('file.notFile', { path }));
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('file-missing', t('file.missing', { path }), 1, { cause: error });
  }
  if (size > maxBytes) throw new CliError('file-too-large', t('file.tooLarge', { path, max: maxBytes }));
  return parseJsonText(t, readFileSync(path, 'utf8'), path);
}

/** Parses JSON text read from `label`; a syntax error names the line, never the content. */
export function parseJsonText(t: Translator, text: string, label: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : 1;
    throw new CliError('json-invalid', t('file.notJson', { path: label, line }), 1, { cause: error });
  }
}
