import { appendPointer } from '../jsonPointer.js';
import { SUBSCHEMA_ARRAY_KEYWORDS, SUBSCHEMA_KEYWORDS, SUBSCHEMA_MAP_KEYWORDS } from './checkSchema.js';
import type { ParseWarning } from './parseIssue.js';
import { parseWarning } from './parseWarningText.js';
import { KNOWN_FORMATS } from './standardFormats.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A copy of the schema without the `format`s Veil does not know, and a warning for each: an
 * unknown format is ignored (JSON Schema makes `format` an annotation unless a validator knows
 * it), never a reason to refuse a template. The input is returned as is when nothing is unknown.
 */
export function removeUnknownFormats(schema: Json, base: string): { schema: Json; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  const visit = (node: unknown, path: string): unknown => {
    if (!isObject(node)) return node;
    let out: Json | undefined;
    const set = (key: string, value: unknown) => {
      out ??= { ...node };
      if (value === undefined) delete out[key];
      else out[key] = value;
    };
    if (typeof node.format === 'string' && !KNOWN_FORMATS.has(node.format)) {
      warnings.push(parseWarning('format-unknown', `${path}/format`, { format: node.format }));
      set('format', undefined);
    }
    for (const [key, value] of Object.entries(node)) {
      if (SUBSCHEMA_KEYWORDS.has(key) || key === 'items') {
        const next = visit(value, appendPointer(path, key));
        if (next !== value) set(key, next);
      } else if (SUBSCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value)) {
        const next = value.map((v, i) => visit(v, appendPointer(path, key, i)));
        if (next.some((v, i) => v !== value[i])) set(key, next);
      } else if (
        (SUBSCHEMA_MAP_KEYWORDS.has(key) || key === 'properties' || key === '$defs') &&
        isObject(value)
      ) {
        let changed = false;
        const next: Json = {};
        for (const [k, v] of Object.entries(value)) {
          next[k] = visit(v, appendPointer(path, key, k));
          if (next[k] !== v) changed = true;
        }
        if (changed) set(key, next);
      }
    }
    return out ?? node;
  };
  return { schema: visit(schema, base) as Json, warnings };
}
