import type { JsonSchema, Template, XPrivacy } from '@veil/schema';
import type { PackMapping } from './resolveMapping.js';

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'] as const;
const SCHEMA_ONE = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
] as const;
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function renameKeys<T>(
  map: Record<string, T> | undefined,
  roles: Record<string, string>,
): Record<string, T> | undefined {
  if (map === undefined) return undefined;
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [roles[key] ?? key, value]));
}

function mapPrivacy(privacy: XPrivacy, mapping: PackMapping): XPrivacy {
  const out: XPrivacy = { ...privacy };
  const access = renameKeys(privacy.access, mapping.roles);
  const edit = renameKeys(privacy.edit, mapping.roles);
  if (access !== undefined) out.access = access;
  if (edit !== undefined) out.edit = edit;
  if (privacy.purpose !== undefined) out.purpose = mapping.purposes[privacy.purpose] ?? privacy.purpose;
  return out;
}

function mapSchema(node: JsonSchema, mapping: PackMapping): JsonSchema {
  const out: JsonSchema = { ...node };
  if (isObject(node['x-privacy'])) out['x-privacy'] = mapPrivacy(node['x-privacy'] as XPrivacy, mapping);
  for (const key of SCHEMA_MAPS) {
    const value = node[key];
    if (isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [
          name,
          isObject(child) ? mapSchema(child, mapping) : child,
        ]),
      ) as Record<string, JsonSchema>;
    }
  }
  for (const key of SCHEMA_ONE) {
    const value = node[key];
    if (isObject(value)) out[key] = mapSchema(value, mapping);
  }
  for (const key of SCHEMA_LISTS) {
    const value = node[key];
    if (Array.isArray(value))
      out[key] = value.map((child) => (isObject(child) ? mapSchema(child, mapping) : child));
  }
  return out;
}

/**
 * The template with the pack's role ids (keys of `access` and `edit`) and purpose ids replaced by
 * the workspace's. Role kinds (`staff`, `external`) and `*` stay. The input is not changed.
 */
export function mapTemplate(template: Template, mapping: PackMapping): Template {
  return { ...template, schema: mapSchema(template.schema, mapping) };
}
