import { orderProperties } from '@rjsf/utils';
import type { JsonSchema } from '@veil/schema';
import { escapeSegment } from '../form/pointers.js';

/** One top-level field of the preview, rendered as its own small rjsf form. */
export interface PreviewPart {
  /** The property name. */
  name: string;
  /** `{ type: 'object', properties: { [name]: … }, required? }`: a root holding only this field. */
  schema: JsonSchema;
  uiSchema: Record<string, unknown>;
  formData: Record<string, unknown>;
  /**
   * Everything the field's rendering depends on, as text: equal signatures ⇒ the same markup,
   * so the pane re-renders only fields whose signature changed after an edit.
   */
  signature: string;
}

/** The root's heading and its fields, each field on its own. */
export interface PreviewParts {
  title: string | undefined;
  description: string | undefined;
  parts: PreviewPart[];
}

/** Root keywords that do not tie the fields together (anything else needs the single form). */
const ROOT_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  'properties',
  'required',
  '$schema',
  '$comment',
  'readOnly',
  'writeOnly',
  'deprecated',
  'additionalProperties',
]);
/** Root uiSchema keys the split rendering reproduces. */
const ROOT_UI_KEYS = new Set(['ui:order']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function under(pointers: readonly string[], name: string): string[] {
  const own = `/${escapeSegment(name)}`;
  return pointers.filter((p) => p === own || p.startsWith(`${own}/`));
}

/**
 * Splits a projected form into one root-level form per top-level field, when nothing at the
 * root ties fields together (conditionals, `allOf`, `dependentRequired`, root defaults, root
 * templates …): rjsf re-renders every field of a form whenever its schema changes, so one form
 * per field lets an edit of one annotation re-render one field instead of all of them.
 * `null` when the schema needs the single form.
 */
export function previewParts(
  schema: JsonSchema,
  uiSchema: Record<string, unknown>,
  data: Record<string, unknown>,
  masked: readonly string[],
  revealable: readonly string[],
): PreviewParts | null {
  if (schema.type !== 'object' || !isObject(schema.properties)) return null;
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return null;
  for (const key of Object.keys(schema)) {
    if (!ROOT_KEYWORDS.has(key) && !key.startsWith('x-')) return null;
  }
  for (const key of Object.keys(uiSchema)) {
    if (key.startsWith('ui:') && !ROOT_UI_KEYS.has(key)) return null;
  }
  const properties = schema.properties as Record<string, JsonSchema>;
  let names: string[];
  try {
    const order = uiSchema['ui:order'];
    names = Array.isArray(order)
      ? orderProperties(Object.keys(properties), order as string[])
      : Object.keys(properties);
  } catch {
    return null; // rjsf shows its own message for an unusable ui:order: leave it to the single form
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  // Root keywords that reach every field (readOnly makes the whole form read-only) go to each part.
  const shared: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'title' || key === 'description' || key === 'properties' || key === 'required') continue;
    if (key.startsWith('x-')) continue;
    shared[key] = value;
  }
  const parts = names.map((name): PreviewPart => {
    const field = properties[name] ?? {};
    const sub: JsonSchema = { ...shared, type: 'object', properties: { [name]: field } };
    if (required.has(name)) sub.required = [name];
    const ui: Record<string, unknown> = isObject(uiSchema[name]) ? { [name]: uiSchema[name] } : {};
    const formData: Record<string, unknown> = Object.hasOwn(data, name) ? { [name]: data[name] } : {};
    const signature = JSON.stringify([
      name,
      shared,
      field,
      ui,
      required.has(name),
      formData,
      under(masked, name),
      under(revealable, name),
    ]);
    return { name, schema: sub, uiSchema: ui, formData, signature };
  });
  return {
    title: typeof schema.title === 'string' ? schema.title : undefined,
    description: typeof schema.description === 'string' ? schema.description : undefined,
    parts,
  };
}
