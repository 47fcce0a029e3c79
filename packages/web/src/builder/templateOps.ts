import type { JsonSchema, Template, XPrivacy } from '@veil/schema';
import { FIELD_TYPES, type FieldTypeId } from './fieldTypes.js';
import { containerOf, isSchema, joinPath, nodeAt, splitPath } from './schemaPaths.js';

/**
 * Edits of a template, written as immer recipes: each mutates the draft it is given and is
 * called inside `produceWithPatches`, so every edit can be undone from its inverse patches.
 */

/** The object node holding the field's key in `properties`, and the key. */
function locate(template: Template, path: string): { object: JsonSchema; key: string } | undefined {
  const segments = splitPath(path);
  const key = segments.pop();
  if (key === undefined || key === '*') return undefined;
  const object = segments.length === 0 ? template.schema : nodeAt(template.schema, joinPath(segments));
  if (!object?.properties || !Object.hasOwn(object.properties, key)) return undefined;
  return { object, key };
}

/** The uiSchema node of an object path (`*` → `items`), if the uiSchema has one. */
function uiAt(template: Template, objectPath: string): Record<string, unknown> | undefined {
  let ui: unknown = template.uiSchema;
  for (const segment of splitPath(objectPath)) {
    if (!isSchema(ui)) return undefined;
    ui = (ui as Record<string, unknown>)[segment === '*' ? 'items' : segment];
  }
  return isSchema(ui) ? (ui as Record<string, unknown>) : undefined;
}

/** The uiSchema node of a field (read-only use: the type menu asks whether it is a textarea). */
export function uiNodeOf(template: Template, path: string): Record<string, unknown> | undefined {
  return uiAt(template, path);
}

/** The uiSchema node of a path, created (with its parents) when missing. */
function ensureUiAt(template: Template, path: string): Record<string, unknown> {
  if (!isSchema(template.uiSchema)) template.uiSchema = {};
  let ui = template.uiSchema as Record<string, unknown>;
  for (const segment of splitPath(path)) {
    const key = segment === '*' ? 'items' : segment;
    if (!isSchema(ui[key])) ui[key] = {};
    ui = ui[key] as Record<string, unknown>;
  }
  return ui;
}

function parentOf(path: string): string {
  const segments = splitPath(path);
  segments.pop();
  return joinPath(segments);
}

/** Keeps `ui:order` (when the uiSchema has one at that level) in step with the properties' order. */
function syncOrder(template: Template, objectPath: string, object: JsonSchema): void {
  const ui = uiAt(template, objectPath);
  if (!ui || !Array.isArray(ui['ui:order'])) return;
  const keys = Object.keys(object.properties ?? {});
  const rest = (ui['ui:order'] as unknown[]).includes('*') ? ['*'] : [];
  ui['ui:order'] = [...keys, ...rest];
}

/** A key not yet used among the object's properties: `field`, `field2`, … */
function freeKey(object: JsonSchema, base: string): string {
  const taken = new Set(Object.keys(object.properties ?? {}));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

/** Where a new field would go in a container (`''` = top level): its key and path; null when not a container. */
export function nextFieldSlot(template: Template, into: string): { key: string; path: string } | null {
  const target = into === '' ? template.schema : nodeAt(template.schema, into);
  const object = target === undefined ? undefined : into === '' ? target : containerOf(target);
  if (!object || target === undefined) return null;
  const key = freeKey(object, 'field');
  const objectPath = into === '' || target.properties ? into : `${into}/*`;
  return { key, path: `${objectPath}${joinPath([key])}` };
}

/**
 * Adds a field of a type at the end of a container (`''` = the top level; a container field's
 * path = inside it), under the key `nextFieldSlot` gives. Returns the new field's path.
 */
export function addField(
  template: Template,
  into: string,
  type: FieldTypeId,
  titles: { zh: string; en: string },
): string | null {
  const slot = nextFieldSlot(template, into);
  const target = into === '' ? template.schema : nodeAt(template.schema, into);
  const object = target === undefined ? undefined : into === '' ? target : containerOf(target);
  if (!slot || !object) return null;
  const made = FIELD_TYPES.find((t) => t.id === type)?.make({}) ?? { type: 'string' };
  object.properties = object.properties ?? {};
  object.properties[slot.key] = { ...made, title: titles.zh, 'x-i18n': { en: { title: titles.en } } };
  syncOrder(template, into === '' || target?.properties ? into : `${into}/*`, object);
  return slot.path;
}

/** Removes a field (and everything inside it), with its `required` entry and `ui:order` slot. */
export function removeField(template: Template, path: string): void {
  const at = locate(template, path);
  if (!at) return;
  delete at.object.properties?.[at.key];
  if (at.object.required) {
    at.object.required = at.object.required.filter((k) => k !== at.key);
    if (at.object.required.length === 0) delete at.object.required;
  }
  syncOrder(template, parentOf(path), at.object);
}

/** Moves a field one place up (-1) or down (+1) among its siblings. */
export function moveField(template: Template, path: string, delta: -1 | 1): void {
  const at = locate(template, path);
  if (!at?.object.properties) return;
  const keys = Object.keys(at.object.properties);
  const from = keys.indexOf(at.key);
  const to = from + delta;
  if (to < 0 || to >= keys.length) return;
  keys.splice(from, 1);
  keys.splice(to, 0, at.key);
  const properties = at.object.properties;
  const reordered: Record<string, JsonSchema> = {};
  for (const key of keys) reordered[key] = properties[key] as JsonSchema;
  at.object.properties = reordered;
  syncOrder(template, parentOf(path), at.object);
}

/** Renames a field's key in place (order, `required`, `ui:order` and the owner pointer follow). */
export function renameField(template: Template, path: string, next: string): string | null {
  const at = locate(template, path);
  if (!at?.object.properties || next === '' || next === at.key) return null;
  if (Object.hasOwn(at.object.properties, next)) return null;
  const properties = at.object.properties;
  const renamed: Record<string, JsonSchema> = {};
  for (const [key, value] of Object.entries(properties)) renamed[key === at.key ? next : key] = value;
  at.object.properties = renamed;
  if (at.object.required) at.object.required = at.object.required.map((k) => (k === at.key ? next : k));
  const parent = parentOf(path);
  const nextPath = `${parent}${joinPath([next])}`;
  if (template.owner === path) template.owner = nextPath;
  if (template.due === path) template.due = nextPath;
  syncOrder(template, parent, at.object);
  return nextPath;
}

/** Changes a field's type, keeping its title, translations, description and annotation. */
export function setFieldType(template: Template, path: string, type: FieldTypeId): void {
  const at = locate(template, path);
  const previous = at?.object.properties?.[at.key];
  if (!at || !previous) return;
  const fieldType = FIELD_TYPES.find((t) => t.id === type);
  const made = fieldType?.make(previous);
  if (!fieldType || !made) return;
  const kept: Record<string, unknown> = {};
  for (const key of ['title', 'description', 'x-i18n', 'x-privacy'] as const) {
    if (previous[key] !== undefined) kept[key] = previous[key];
  }
  const next: JsonSchema = { ...made, ...kept };
  // Long text is free text: scanned for personal numbers unless the author says otherwise.
  if (type === 'longtext' && next['x-privacy']?.categories === undefined)
    next['x-privacy'] = { ...(next['x-privacy'] ?? {}), categories: ['free-text'] };
  (at.object.properties as Record<string, JsonSchema>)[at.key] = next;
  const ui = fieldType.widget ? ensureUiAt(template, path) : uiAt(template, path);
  if (fieldType.widget) ui!['ui:widget'] = fieldType.widget;
  else if (ui && FIELD_TYPES.some((t) => t.widget !== undefined && t.widget === ui['ui:widget']))
    delete ui['ui:widget'];
}

/** Sets the zh-CN title (the schema's `title`) or the English one (`x-i18n.en.title`). */
export function setTitle(template: Template, path: string, locale: 'zh-CN' | 'en', text: string): void {
  const node = nodeAt(template.schema, path);
  if (!node) return;
  if (locale === 'zh-CN') {
    node.title = text;
    return;
  }
  const i18n = node['x-i18n'] ?? {};
  i18n.en = { ...(i18n.en ?? {}), title: text };
  node['x-i18n'] = i18n;
}

/** Makes a field required in its object, or optional. */
export function setRequired(template: Template, path: string, required: boolean): void {
  const at = locate(template, path);
  if (!at) return;
  const list = (at.object.required ?? []).filter((k) => k !== at.key);
  if (required) list.push(at.key);
  if (list.length > 0) at.object.required = list;
  else delete at.object.required;
}

/** Sets (or, with `undefined`, removes) one `x-privacy` key; an emptied annotation is removed. */
export function setPrivacy<K extends keyof XPrivacy>(
  template: Template,
  path: string,
  key: K,
  value: XPrivacy[K] | undefined,
): void {
  const node = nodeAt(template.schema, path);
  if (!node) return;
  const privacy: XPrivacy = node['x-privacy'] ?? {};
  if (value === undefined) delete privacy[key];
  else privacy[key] = value;
  if (Object.keys(privacy).length === 0) delete node['x-privacy'];
  else node['x-privacy'] = privacy;
}

/** Sets one string-valued keyword of a node (format, enum …), or removes it. */
export function setKeyword(template: Template, path: string, keyword: string, value: unknown): void {
  const node = nodeAt(template.schema, path);
  if (!node) return;
  if (value === undefined || value === '') delete node[keyword];
  else node[keyword] = value;
}

/** Adds a lint acknowledgement (replacing one for the same code and path). */
export function acknowledge(template: Template, code: string, path: string, reason: string): void {
  const lint = template.lint ?? {};
  const list = (lint.acknowledge ?? []).filter((a) => !(a.code === code && a.path === path));
  list.push({ code, path, reason });
  lint.acknowledge = list;
  template.lint = lint;
}

/** Removes the acknowledgement of a finding. */
export function unacknowledge(template: Template, code: string, path: string): void {
  const list = template.lint?.acknowledge;
  if (!list || !template.lint) return;
  template.lint.acknowledge = list.filter((a) => !(a.code === code && a.path === path));
}
