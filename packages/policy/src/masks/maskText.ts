import { toWellFormed } from './graphemes.js';

/** The redaction token: fixed, so it reveals neither the value nor its length. */
export const REDACTED = '***';

/** The character standing for one hidden grapheme. */
export const STAR = '*';

/**
 * The text a mask works on: strings as they are (lone surrogates replaced), numbers,
 * bigints and booleans stringified; `undefined` for anything else (objects, symbols,
 * functions, non-finite numbers), which the styles answer with `REDACTED`.
 */
export function textOf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return toWellFormed(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      return undefined;
  }
}
