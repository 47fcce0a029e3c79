import { SUBSCHEMA_ARRAY_KEYWORDS, SUBSCHEMA_KEYWORDS, SUBSCHEMA_MAP_KEYWORDS } from './checkSchema.js';

/** Keywords whose value maps names to subschemas (those of `checkSchema` plus `properties` and `$defs`). */
const MAP_KEYWORDS = new Set([...SUBSCHEMA_MAP_KEYWORDS, 'properties', '$defs']);
/** Annotations left out whatever their value: `checkSchema` has validated each against its meta-schema before. */
const CHECKED_ANNOTATIONS = new Set(['x-privacy', 'x-i18n']);
/** Left out when a string (the only type the 2020-12 meta-schema allows; anything else is kept). */
const TEXT_ANNOTATIONS = new Set(['title', 'description']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mapOf(value: unknown): string {
  if (!isObject(value)) return JSON.stringify(value);
  let out = '{';
  for (const [name, child] of Object.entries(value)) out += `${JSON.stringify(name)}:${fingerprint(child)},`;
  return `${out}}`;
}

function fingerprint(node: unknown): string {
  if (!isObject(node)) return JSON.stringify(node);
  let out = '{';
  for (const [key, value] of Object.entries(node)) {
    if (CHECKED_ANNOTATIONS.has(key)) continue;
    if (TEXT_ANNOTATIONS.has(key) && typeof value === 'string') continue;
    let part: string;
    if (key === 'items' || SUBSCHEMA_KEYWORDS.has(key)) part = fingerprint(value);
    else if (SUBSCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value))
      part = `[${value.map(fingerprint).join(',')}]`;
    else if (MAP_KEYWORDS.has(key)) part = mapOf(value);
    else part = JSON.stringify(value);
    out += `${JSON.stringify(key)}:${part},`;
  }
  return `${out}}`;
}

/**
 * The raw schema as text with the annotations that cannot change Ajv's verdict left out:
 * `x-privacy` and `x-i18n` (already validated by `checkSchema` against the very meta-schemas Ajv
 * would use) and string `title` / `description`, at schema positions only — a property named
 * `title` is kept. Most builder edits touch only these, so two versions of a template usually
 * share a fingerprint and the costly compile is skipped. Equal fingerprints ⇒ equal verdicts.
 */
export function schemaFingerprint(schema: unknown): string {
  return fingerprint(schema);
}
