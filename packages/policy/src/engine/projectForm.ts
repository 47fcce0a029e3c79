import type { JsonSchema, Relation } from '@veil/schema';
import type { ProjectedForm, Viewer } from '../types.js';
import { FULL, HIDDEN, LEVEL_OF_RANK } from './accessRank.js';
import type { EngineCore } from './engineCore.js';
import { escapeSegment, isObject } from './pointer.js';

/** Which record a form is for: an existing one (the viewer's relation to it) or a new one. */
export type FormTarget = { relation: Relation } | 'create';

/** Keywords a masked value (a string) could fail: removed from masked and reveal fields. */
const VALUE_KEYWORDS = [
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'enum',
  'const',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'properties',
  'required',
  'additionalProperties',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'default',
  'examples',
] as const;

const SUBSCHEMA_LISTS = ['oneOf', 'anyOf', 'allOf'] as const;
const SUBSCHEMA_SINGLES = ['if', 'then', 'else', 'not'] as const;

/**
 * Titles and descriptions from `x-i18n`, and choice labels: `x-i18n[locale].enumNames` become the
 * node's `ui:enumNames`, except that in zh-CN the template's own `ui:enumNames` stay.
 */
function localize(
  node: JsonSchema,
  out: JsonSchema,
  ui: Record<string, unknown>,
  locale: 'zh-CN' | 'en',
): void {
  const i18n = node['x-i18n']?.[locale];
  if (i18n?.title !== undefined) out.title = i18n.title;
  if (i18n?.description !== undefined) out.description = i18n.description;
  const names = i18n?.enumNames;
  if (names !== undefined && Array.isArray(node.enum) && names.length === node.enum.length) {
    if (locale !== 'zh-CN' || ui['ui:enumNames'] === undefined) ui['ui:enumNames'] = [...names];
  }
}

/** The items of an array of primitives are the field itself: localized, not walked. */
function localizeItems(
  node: JsonSchema,
  out: JsonSchema,
  ui: Record<string, unknown>,
  locale: 'zh-CN' | 'en',
): void {
  if (!isObject(node.items) || !isObject(out.items)) return;
  const itemsUi = uiChild(ui, 'items');
  localize(node.items as JsonSchema, out.items as JsonSchema, itemsUi, locale);
  if (Object.keys(itemsUi).length > 0) ui.items = itemsUi;
}

function uiChild(ui: Record<string, unknown>, key: string): Record<string, unknown> {
  const child = ui[key];
  return isObject(child) ? { ...child } : {};
}

function markReadOnly(ui: Record<string, unknown>, access: string | null): void {
  ui['ui:readonly'] = true;
  if (access !== null) {
    const options = isObject(ui['ui:options']) ? ui['ui:options'] : {};
    ui['ui:options'] = { ...options, veilAccess: access };
    delete ui['ui:widget'];
  }
}

/**
 * The JSON Schema and rjsf uiSchema a viewer's form gets for one relation: hidden fields
 * removed (also from `required` and `ui:order`), masked / reveal fields read-only and typed as
 * strings, full-but-not-editable fields read-only, titles localized, `x-privacy` / `x-i18n` gone.
 * Masked and reveal fields carry `ui:options.veilAccess` (`masked` | `reveal`) so the UI can draw a lock;
 * editable fields with `scan` on carry `ui:options.veilScan: true` so the UI warns while the user types.
 */
export function projectForm(
  core: EngineCore,
  viewer: Viewer,
  target: FormTarget,
  locale: 'zh-CN' | 'en',
): ProjectedForm {
  const relation: Relation = target === 'create' ? 'owner' : target.relation;
  const tables = core.tablesFor(viewer);
  const admitted = tables.admitted.includes(relation);
  const ranks = tables.access[relation];
  const editable = tables.editable[relation];

  const walk = (node: JsonSchema, path: string, ui: Record<string, unknown>): JsonSchema => {
    const out: JsonSchema = {};
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword === 'x-privacy' || keyword === 'x-i18n' || keyword === '$defs') continue;
      out[keyword] = stripAnnotations(value);
    }
    localize(node, out, ui, locale);
    const field = path === '' ? undefined : core.tree.byPath.get(path);
    // A leaf's inner schema (the items of an array of primitives) is the field itself.
    if (field !== undefined && field.container === null) {
      localizeItems(node, out, ui, locale);
      return stripAnnotations(out) as JsonSchema;
    }
    if (isObject(node.properties)) {
      const properties: Record<string, JsonSchema> = {};
      const removed = new Set<string>();
      for (const [key, child] of Object.entries(node.properties)) {
        const childPath = `${path}/${escapeSegment(key)}`;
        const childNode = core.tree.byPath.get(childPath);
        const rank = !admitted || childNode === undefined ? HIDDEN : ranks[childNode.index]!;
        if (rank === HIDDEN) {
          removed.add(key);
          delete ui[key];
          continue;
        }
        const childUi = uiChild(ui, key);
        const projected = walk(child, childPath, childUi);
        if (rank < FULL) {
          if (childNode!.container === null) {
            for (const keyword of VALUE_KEYWORDS) delete projected[keyword];
            const types = Array.isArray(child.type) ? child.type : [child.type];
            // Masks keep null and mask an array of primitives item by item.
            if (types.includes('array')) {
              projected.type = types.includes('null') ? ['array', 'null'] : 'array';
              projected.items = { type: 'string' };
            } else projected.type = types.includes('null') ? ['string', 'null'] : 'string';
          }
          projected.readOnly = true;
          markReadOnly(childUi, LEVEL_OF_RANK[rank]!);
        } else if (editable[childNode!.index] !== 1) {
          projected.readOnly = true;
          markReadOnly(childUi, null);
          if (childNode!.container === 'array') {
            const options = isObject(childUi['ui:options']) ? childUi['ui:options'] : {};
            childUi['ui:options'] = { ...options, addable: false, removable: false, orderable: false };
          }
        } else if (childNode!.container === null && childNode!.field.privacy.scan) {
          // The writer is warned live about personal numbers in any field scanned on save.
          const options = isObject(childUi['ui:options']) ? childUi['ui:options'] : {};
          childUi['ui:options'] = { ...options, veilScan: true };
        }
        properties[key] = projected;
        if (Object.keys(childUi).length > 0) ui[key] = childUi;
      }
      out.properties = properties;
      if (Array.isArray(node.required)) {
        const required = node.required.filter((key) => !removed.has(key));
        if (required.length > 0) out.required = required;
        else delete out.required;
      }
      if (Array.isArray(ui['ui:order']))
        ui['ui:order'] = (ui['ui:order'] as unknown[]).filter(
          (key) => typeof key !== 'string' || !removed.has(key),
        );
    }
    if (isObject(node.items)) {
      const itemsUi = uiChild(ui, 'items');
      out.items = walk(node.items as JsonSchema, `${path}/*`, itemsUi);
      if (Object.keys(itemsUi).length > 0) ui.items = itemsUi;
    }
    for (const keyword of SUBSCHEMA_LISTS) {
      const list = node[keyword];
      if (Array.isArray(list)) out[keyword] = list.map((entry: JsonSchema) => walk(entry, path, ui));
    }
    for (const keyword of SUBSCHEMA_SINGLES) {
      const entry = node[keyword];
      if (isObject(entry)) out[keyword] = walk(entry as JsonSchema, path, ui);
    }
    return out;
  };

  const uiSchema = JSON.parse(JSON.stringify(core.template.uiSchema ?? {})) as Record<string, unknown>;
  const schema = walk(core.template.schema, '', uiSchema);
  return { schema, uiSchema };
}

/** Removes `x-privacy` and `x-i18n` at any depth of a subschema the walk does not descend into. */
function stripAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'x-privacy' || key === 'x-i18n') continue;
    out[key] = stripAnnotations(entry);
  }
  return out;
}
