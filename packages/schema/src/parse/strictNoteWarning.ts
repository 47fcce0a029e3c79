import type { ParseWarning } from './parseIssue.js';

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
  if (m) {
    const type = m[1]!.split(',')[0]!;
    return {
      path,
      code: 'keyword-without-type',
      message: `"${m[2]}" only applies to ${type} values, but this schema does not say "type": "${type}", so other values skip it. Add "type": "${type}" here (or to every branch) if that is what it holds.`,
    };
  }
  m = /"(prefixItems|items)" is (\d+)-tuple/.exec(note);
  if (m) {
    return {
      path,
      code: 'tuple-open',
      message: `This tuple lists ${m[2]} items but does not say whether there may be fewer or more: add "minItems": ${m[2]} and "items": false if it always has exactly ${m[2]}.`,
    };
  }
  m = /required property "([^"]+)" is not defined/.exec(note);
  if (m) {
    return {
      path,
      code: 'required-undeclared',
      message: `"required" names "${m[1]}", which is not declared in "properties" beside it (it may be declared in a branch). That works; declare it beside "required" too if it should always show in forms.`,
    };
  }
  m = /"(if|then|else)" without "?(then|if)"?/.exec(note);
  if (m) {
    return {
      path,
      code: 'condition-incomplete',
      message:
        m[1] === 'if'
          ? 'This "if" has no "then" or "else", so it has no effect: add the branch it should select, or remove it.'
          : `This "${m[1]}" has no "if" beside it, so it has no effect: add the "if" condition, or remove it.`,
    };
  }
  m = /property (.+) matches pattern (.+) \(/.exec(note);
  if (m) {
    return {
      path,
      code: 'property-matches-pattern',
      message: `The property "${m[1]}" also matches the patternProperties pattern "${m[2]}", so both schemas apply to it. Rename the property or narrow the pattern if that is not intended.`,
    };
  }
  const text = note
    .replace(/^strict mode: /, '')
    .replace(/ \((?:strict\w*|use \w+)\)/g, '')
    .replace(/ at (?:path )?"[^"]*"/, '')
    .replace(/use allow\w+ to allow /, 'allowing ');
  return {
    path,
    code: 'schema-note',
    message: `The schema compiler notes: ${text}. Check that this part does what you expect.`,
  };
}
