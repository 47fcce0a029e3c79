import { escapeSegment } from '@veil/schema';
import { VeilError } from '../errors/veilError.js';
import { isWellFormedText, notWellFormedError } from './decodeUtf8.js';

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses `__proto__`, `constructor` and `prototype` keys anywhere in a parsed input, and
 * strings (values or keys) that are not well-formed Unicode, so cannot be stored as UTF-8.
 */
export function assertSafeKeys(value: unknown, path = '', depth = 0): void {
  if (depth > 64)
    throw new VeilError('invalid-input', 'The input is nested too deeply (more than 64 levels).');
  if (typeof value === 'string' && !isWellFormedText(value)) throw notWellFormedError(path);
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      assertSafeKeys(item, `${path}/${index}`, depth + 1);
    });
    return;
  }
  for (const key of Object.keys(value)) {
    const here = `${path}/${escapeSegment(key)}`;
    if (!isWellFormedText(key)) throw notWellFormedError(path);
    if (UNSAFE.has(key)) {
      throw new VeilError('unsafe-key', `The key "${key}" is not allowed in any input; rename it.`, {
        issues: [{ path: here, code: 'unsafe-key', message: `Remove the key "${key}".` }],
      });
    }
    assertSafeKeys((value as Record<string, unknown>)[key], here, depth + 1);
  }
}
