import { type JsonSchema, joinPointer, parsePointer } from '@veil/schema';

/** Splits a schema path (`/contacts/*` + `/phone`) into unescaped segments. */
export function splitPath(path: string): string[] {
  return parsePointer(path) ?? [];
}

/** Joins unescaped segments into a schema path. */
export const joinPath: (segments: readonly string[]) => string = joinPointer;

/** The schema node at a schema path (`*` steps into `items`), or undefined. */
export function nodeAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const segment of splitPath(path)) {
    if (node === undefined) return undefined;
    if (segment === '*') node = isSchema(node.items) ? node.items : undefined;
    else
      node =
        node.properties && Object.hasOwn(node.properties, segment) ? node.properties[segment] : undefined;
  }
  return node;
}

/** The object node whose `properties` hold a field's children: the node itself, or its array's items. */
export function containerOf(node: JsonSchema): JsonSchema | undefined {
  if (node.properties) return node;
  if (isSchema(node.items) && node.items.properties) return node.items;
  return undefined;
}

/** The path under which a container field's children live (`/contacts` → `/contacts/*`). */
function childBase(node: JsonSchema, path: string): string {
  return node.properties ? path : `${path}/*`;
}

export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One row of the builder's field list. */
export interface FieldRow {
  /** Schema path of the field. */
  path: string;
  /** Path of the object node holding it in `properties` (`''` for top-level, `/contacts/*` in a list). */
  parent: string;
  key: string;
  depth: number;
  node: JsonSchema;
  /** True for objects and arrays of objects: fields can be added inside. */
  container: boolean;
  /** Position among its siblings and how many siblings there are. */
  index: number;
  siblings: number;
}

/** Every property of the template's schema, depth first in schema order. */
export function listFields(schema: JsonSchema): FieldRow[] {
  const rows: FieldRow[] = [];
  const walk = (object: JsonSchema, base: string, depth: number) => {
    const keys = Object.keys(object.properties ?? {});
    keys.forEach((key, index) => {
      const node = object.properties?.[key];
      if (!node) return;
      const path = `${base}${joinPath([key])}`;
      const inner = containerOf(node);
      rows.push({
        path,
        parent: base,
        key,
        depth,
        node,
        container: inner !== undefined,
        index,
        siblings: keys.length,
      });
      if (inner) walk(inner, childBase(node, path), depth + 1);
    });
  };
  walk(schema, '', 0);
  return rows;
}

/**
 * Maps a lint or parse path to a field path: schema paths pass through, pointers into the
 * template (`/schema/properties/a/items/properties/b`) become `/a/*` + `/b`; anything else → null.
 */
export function fieldPathOf(pointer: string): string | null {
  if (!pointer.startsWith('/schema')) return pointer.startsWith('/lint') || pointer === '' ? null : pointer;
  const segments = splitPath(pointer).slice(1);
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === 'properties' && i + 1 < segments.length) out.push(segments[++i] ?? '');
    else if (s === 'items') out.push('*');
    else break;
  }
  while (out.at(-1) === '*') out.pop();
  return out.length > 0 ? joinPath(out) : null;
}
