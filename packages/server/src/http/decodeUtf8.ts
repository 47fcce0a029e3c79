import { VeilError } from '../errors/veilError.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The one message for text that is not UTF-8 (the bytes themselves are never echoed). */
const NOT_UTF8_MESSAGE =
  'The request holds text that is not valid UTF-8 (请求中含有无效的 UTF-8 文本): send every value as UTF-8 text.';

function notUtf8(cause?: unknown): VeilError {
  return new VeilError('invalid-input', NOT_UTF8_MESSAGE, { cause });
}

/** Decodes a request body; bytes that are not UTF-8 are refused, never replaced by U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch (error) {
    throw notUtf8(error);
  }
}

const HEX = /^[0-9a-fA-F]{2}$/;

/**
 * Refuses a query string whose percent-encoded bytes are not UTF-8 (URLSearchParams would turn
 * them into U+FFFD silently). `search` is as `URL` gives it: non-ASCII already percent-encoded.
 */
export function assertUtf8Query(search: string): void {
  if (!search.includes('%')) return;
  const bytes = new Uint8Array(search.length);
  let n = 0;
  for (let i = 0; i < search.length; i++) {
    const pair = search.slice(i + 1, i + 3);
    if (search.charCodeAt(i) === 0x25 && HEX.test(pair)) {
      bytes[n++] = Number.parseInt(pair, 16);
      i += 2;
    } else bytes[n++] = search.charCodeAt(i) & 0x7f;
  }
  decodeUtf8(bytes.subarray(0, n));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a parsed string can be stored as UTF-8 (a JSON `\ud800` escape cannot). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The error for a parsed value that is not well-formed Unicode, naming where it is. */
export function notWellFormedError(path: string): VeilError {
  return new VeilError('invalid-input', NOT_UTF8_MESSAGE, {
    issues: [{ path, code: 'not-utf8', message: 'Send this value as valid UTF-8 text.' }],
  });
}
