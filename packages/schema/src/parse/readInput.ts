import { escapeSegment } from '../jsonPointer.js';
import { TEMPLATE_LIMITS } from './limits.js';
import { type ParseIssue, parseIssue } from './parseIssue.js';

export type ReadInputResult = { ok: true; value: unknown } | { ok: false; issues: ParseIssue[] };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_ISSUES = 50;
const MB = TEMPLATE_LIMITS.maxBytes / (1024 * 1024);

function tooLarge(): ParseIssue {
  return parseIssue(
    '',
    'too-large',
    `The template is larger than ${MB} MB of JSON; split it or remove unused parts.`,
  );
}

function tooDeep(path: string): ParseIssue {
  return parseIssue(
    path,
    'too-deep',
    `The template nests deeper than ${TEMPLATE_LIMITS.maxJsonDepth} levels; flatten the structure.`,
  );
}

/** UTF-8 length of `text`, or `Infinity` as soon as it passes `limit` (no big buffer is built). */
function utf8Length(text: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
    if (n > limit) return Number.POSITIVE_INFINITY;
  }
  return n;
}

/** Deepest bracket nesting of JSON text, stopping as soon as it passes `limit`. */
function textDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string;
  /** Where the copy goes. */
  target: Record<string, unknown> | unknown[] | undefined;
}

function framePath(frame: Frame | undefined): string {
  const segments: string[] = [];
  for (let f = frame; f?.parent !== undefined; f = f.parent) segments.push(escapeSegment(f.key));
  return segments
    .reverse()
    .map((s) => `/${s}`)
    .join('');
}

/**
 * Walks a value iteratively (so a deep value cannot overflow the stack) and returns a plain copy.
 * Refuses non-JSON values, forbidden keys, too deep or too large values.
 */
function copyJson(root: unknown, countBytes: boolean): ReadInputResult {
  const issues: ParseIssue[] = [];
  let bytes = 0;
  const holder: unknown[] = [];
  const stack: Frame[] = [{ value: root, depth: 0, parent: undefined, key: '', target: holder }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    let copy: unknown;
    if (value === null || typeof value === 'boolean') {
      copy = value;
      bytes += 5;
    } else if (typeof value === 'string') {
      copy = value;
      if (countBytes) bytes += utf8Length(value, TEMPLATE_LIMITS.maxBytes) + 2;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        issues.push(
          parseIssue(framePath(frame), 'not-json', 'Use a finite number here (JSON has no NaN or Infinity).'),
        );
        continue;
      }
      copy = value;
      bytes += 8;
    } else if (typeof value === 'object') {
      if (frame.depth >= TEMPLATE_LIMITS.maxJsonDepth)
        return { ok: false, issues: [tooDeep(framePath(frame))] };
      if (Array.isArray(value)) {
        const arr: unknown[] = new Array(value.length);
        bytes += 2 + value.length;
        for (let i = value.length - 1; i >= 0; i--) {
          stack.push({ value: value[i], depth: frame.depth + 1, parent: frame, key: String(i), target: arr });
        }
        copy = arr;
      } else {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          issues.push(parseIssue(framePath(frame), 'not-json', 'Use a plain JSON object here.'));
          continue;
        }
        const obj: Record<string, unknown> = {};
        const keys = Object.keys(value);
        bytes += 2 + keys.length;
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          if (FORBIDDEN_KEYS.has(key)) {
            issues.push(
              parseIssue(
                `${framePath(frame)}/${escapeSegment(key)}`,
                'forbidden-key',
                `Rename or remove the key "${key}": it is reserved because it can alter object prototypes.`,
              ),
            );
            continue;
          }
          if (countBytes) bytes += utf8Length(key, TEMPLATE_LIMITS.maxBytes) + 3;
          stack.push({
            value: (value as Record<string, unknown>)[key],
            depth: frame.depth + 1,
            parent: frame,
            key,
            target: obj,
          });
        }
        copy = obj;
      }
    } else {
      issues.push(
        parseIssue(
          framePath(frame),
          'not-json',
          'Use a JSON value here (string, number, boolean, null, array or object).',
        ),
      );
      continue;
    }
    if (countBytes && bytes > TEMPLATE_LIMITS.maxBytes) return { ok: false, issues: [tooLarge()] };
    if (issues.length >= MAX_ISSUES) break;
    const { target } = frame;
    if (Array.isArray(target)) {
      if (frame.parent === undefined) target.push(copy);
      else target[Number(frame.key)] = copy;
    } else if (target !== undefined) target[frame.key] = copy;
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: holder[0] };
}

/**
 * Turns the parser's input (JSON text or an already parsed value) into a plain JSON copy,
 * refusing input that is not JSON, too large, too deep or carries prototype-polluting keys.
 */
export function readInput(input: unknown): ReadInputResult {
  if (typeof input === 'string') {
    if (
      input.length > TEMPLATE_LIMITS.maxBytes ||
      utf8Length(input, TEMPLATE_LIMITS.maxBytes) > TEMPLATE_LIMITS.maxBytes
    ) {
      return { ok: false, issues: [tooLarge()] };
    }
    if (textDepthExceeds(input, TEMPLATE_LIMITS.maxJsonDepth)) return { ok: false, issues: [tooDeep('')] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (e) {
      // The engine's message quotes the text, so only its position is reported.
      const at = /position (\d+)/.exec(e instanceof Error ? e.message : '');
      const where = at ? ` near character ${at[1]}` : '';
      return {
        ok: false,
        issues: [parseIssue('', 'not-json', `The template is not valid JSON${where}; fix the syntax.`)],
      };
    }
    return copyJson(parsed, false);
  }
  return copyJson(input, true);
}
