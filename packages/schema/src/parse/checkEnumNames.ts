import { escapeSegment } from '../jsonPointer.js';
import { type ParseIssue, parseIssue } from './parseIssue.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The `enum` a node offers: its own, else the one of the definition its `$ref` leads to
 * (followed a bounded number of steps, so a cycle reported elsewhere cannot loop here).
 */
function enumOf(node: Json, defs: Json, defName: (ref: string) => string | undefined): unknown[] | undefined {
  let current: Json = node;
  for (let step = 0; step < 32; step++) {
    if (Array.isArray(current.enum)) return current.enum;
    if (typeof current.$ref !== 'string') return undefined;
    const name = defName(current.$ref);
    const next = name === undefined ? undefined : defs[name];
    if (!isObject(next)) return undefined;
    current = next;
  }
  return undefined;
}

/**
 * Every `x-i18n.<locale>.enumNames` of a node (already shape-checked) must label the node's
 * `enum` one to one: same length, so each value gets exactly one label in that locale.
 */
export function checkEnumNames(
  node: Json,
  path: string,
  defs: Json,
  defName: (ref: string) => string | undefined,
): ParseIssue[] {
  const i18n = node['x-i18n'];
  if (!isObject(i18n)) return [];
  const issues: ParseIssue[] = [];
  for (const [locale, entry] of Object.entries(i18n)) {
    if (!isObject(entry) || !Array.isArray(entry.enumNames)) continue;
    const values = enumOf(node, defs, defName);
    const at = `${path}/x-i18n/${escapeSegment(locale)}/enumNames`;
    if (values === undefined) {
      issues.push(
        parseIssue(
          at,
          'i18n-invalid',
          'Put enumNames on the node that has the "enum" it labels (for a multi-choice list, on its items).',
        ),
      );
    } else if (values.length !== entry.enumNames.length) {
      issues.push(
        parseIssue(
          at,
          'i18n-invalid',
          `List one label per enum value: the enum has ${values.length} values, enumNames has ${entry.enumNames.length}.`,
        ),
      );
    }
  }
  return issues;
}
