import type { ParseWarning } from './parseIssue.js';
import { parseWarning } from './parseWarningText.js';

/** Ajv's schema path (`#/properties/a%20b/items`) as a pointer under `base`. */
function pathOf(note: string, base: string): string {
  const at = /at (?:path )?"#([^"]*)"/.exec(note);
  if (!at?.[1]) return base;
  try {
    return base + decodeURIComponent(at[1]);
  } catch {
    return base;
  }
}

/**
 * Turns one of Ajv's strict-mode notes about a legitimate construct into a warning that says
 * what it means and how to fix it, without naming Ajv options. Notes about keywords Ajv does
 * not know are dropped (the parser has already vetted every keyword: vendor and editor
 * annotations are allowed).
 */
export function strictNoteWarning(note: string, base: string): ParseWarning | undefined {
  const path = pathOf(note, base);
  if (/unknown keyword/.test(note)) return undefined;
  let m = /missing type "([^"]+)" for keyword "([^"]+)"/.exec(note);
  if (m) return parseWarning('keyword-without-type', path, { type: m[1]!.split(',')[0]!, keyword: m[2]! });
  m = /"(prefixItems|items)" is (\d+)-tuple/.exec(note);
  if (m) return parseWarning('tuple-open', path, { count: m[2]! });
  m = /required property "([^"]+)" is not defined/.exec(note);
  if (m) return parseWarning('required-undeclared', path, { property: m[1]! });
  m = /"(if|then|else)" without "?(then|if)"?/.exec(note);
  if (m) return parseWarning('condition-incomplete', path, { keyword: m[1]! });
  m = /property (.+) matches pattern (.+) \(/.exec(note);
  if (m) return parseWarning('property-matches-pattern', path, { property: m[1]!, pattern: m[2]! });
  const text = note
    .replace(/^strict mode: /, '')
    .replace(/ \((?:strict\w*|use \w+)\)/g, '')
    .replace(/ at (?:path )?"[^"]*"/, '')
    .replace(/use allow\w+ to allow /, 'allowing ');
  return parseWarning('schema-note', path, { note: text });
}
