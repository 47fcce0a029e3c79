import type { FieldKind } from '../sanitized.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keywords whose subschemas describe values of the same instance (a value may live there). */
const DATA_BRANCH_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
/** Single-subschema keywords whose subschema describes the same instance when it applies. */
const DATA_BRANCH_SINGLES = ['then', 'else'] as const;

/**
 * One schema node that describes a field's value: the field's own schema, or a branch of it
 * (`allOf` / `anyOf` / `oneOf` / `then` / `else` / `dependentSchemas`, at any depth).
 */
export interface Facet {
  node: Json;
  /** True when the facet applies only under a condition (not the node itself or an `allOf` chain). */
  conditional: boolean;
}

/** A node and every branch below it that describes the same value, depth first. */
export function facetsOf(node: Json, conditional = false, out: Facet[] = [], depth = 0): Facet[] {
  out.push({ node, conditional });
  // Branches nest as deep as fields do; deeper ones are cut rather than risk the stack.
  if (depth > 32) return out;
  for (const key of DATA_BRANCH_LISTS) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const branch of list) {
      if (isObject(branch)) facetsOf(branch, conditional || key !== 'allOf', out, depth + 1);
    }
  }
  for (const key of DATA_BRANCH_SINGLES) {
    const branch = node[key];
    if (isObject(branch)) facetsOf(branch, true, out, depth + 1);
  }
  if (isObject(node.dependentSchemas)) {
    for (const branch of Object.values(node.dependentSchemas)) {
      if (isObject(branch)) facetsOf(branch, true, out, depth + 1);
    }
  }
  return out;
}

const PRIMITIVES: readonly FieldKind[] = ['string', 'number', 'integer', 'boolean', 'null'];

function declaredTypes(node: Json): string[] {
  const t = node.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** What a set of facets makes of a field. */
export interface FieldShape {
  /** `object` / `array` for containers; a primitive kind or `object`/`array` for leaves. */
  kind: FieldKind;
  /** Holds a value as a whole: a primitive, an array of primitives, or an opaque value. */
  leaf: boolean;
  /**
   * True for a leaf whose values may be objects or arrays (a free-form object, a tuple, a
   * mixture of kinds): it is shown, masked and written as one value.
   */
  opaque: boolean;
}

/** The entry schemas of an object's map: `additionalProperties`, `patternProperties`, `unevaluatedProperties`. */
export function entrySchemas(facets: readonly Facet[]): Json[] {
  const out: Json[] = [];
  for (const { node } of facets) {
    for (const key of ['additionalProperties', 'unevaluatedProperties'] as const) {
      const value = node[key];
      if (value === true) out.push({});
      else if (isObject(value)) out.push(value);
    }
    if (isObject(node.patternProperties)) {
      for (const value of Object.values(node.patternProperties)) {
        if (value === true) out.push({});
        else if (isObject(value)) out.push(value);
      }
    }
  }
  return out;
}

/** True when some facet declares a property (so the object is a container, not a free-form value). */
function declaresProperties(facets: readonly Facet[]): boolean {
  return facets.some(({ node }) => isObject(node.properties) && Object.keys(node.properties).length > 0);
}

/** The `items` subschemas of a field's facets (objects only; `true` counts as an empty schema). */
export function itemSchemas(facets: readonly Facet[]): Json[] {
  const out: Json[] = [];
  for (const { node } of facets) {
    if (node.items === true) out.push({});
    else if (isObject(node.items)) out.push(node.items);
  }
  return out;
}

/**
 * Decides what a field is from every facet that describes it: an object container (declared
 * properties or a map), an array of objects, a primitive leaf, or an opaque leaf.
 */
export function shapeOf(facets: readonly Facet[]): FieldShape {
  const types = new Set<string>();
  let objectHint = false;
  let arrayHint = false;
  let tuple = false;
  for (const { node } of facets) {
    for (const t of declaredTypes(node)) types.add(t);
    if (
      isObject(node.properties) ||
      'additionalProperties' in node ||
      isObject(node.patternProperties) ||
      'required' in node
    ) {
      objectHint = true;
    }
    if ('items' in node || 'prefixItems' in node) arrayHint = true;
    if ('prefixItems' in node || Array.isArray(node.items)) tuple = true;
  }
  const nonNull = [...types].filter((t) => t !== 'null');
  let kind: FieldKind;
  if (nonNull.length === 0) {
    if (types.has('null') && !objectHint && !arrayHint) return { kind: 'null', leaf: true, opaque: false };
    if (objectHint && !arrayHint) kind = 'object';
    else if (arrayHint && !objectHint) kind = 'array';
    else if (objectHint && arrayHint) return { kind: 'object', leaf: true, opaque: true };
    // Nothing says what it holds: any JSON value.
    else return { kind: 'string', leaf: true, opaque: true };
  } else if (nonNull.length === 1) {
    const only = nonNull[0]!;
    kind =
      (PRIMITIVES as readonly string[]).includes(only) || only === 'object' || only === 'array'
        ? (only as FieldKind)
        : 'string';
    // `integer` and `number` together are still numbers.
  } else if (nonNull.every((t) => t === 'number' || t === 'integer')) {
    kind = 'number';
  } else {
    const first = nonNull[0]!;
    const named = (PRIMITIVES as readonly string[]).includes(first) ? (first as FieldKind) : 'object';
    return { kind: named, leaf: true, opaque: nonNull.includes('object') || nonNull.includes('array') };
  }
  if (kind === 'object') {
    if (declaresProperties(facets) || entrySchemas(facets).length > 0) {
      return { kind: 'object', leaf: false, opaque: false };
    }
    return { kind: 'object', leaf: true, opaque: true };
  }
  if (kind === 'array') {
    if (tuple) return { kind: 'array', leaf: true, opaque: true };
    const items = itemSchemas(facets);
    if (items.length === 0) return { kind: 'array', leaf: true, opaque: true };
    const itemShape = shapeOf(items.flatMap((item) => facetsOf(item)));
    if (itemShape.kind === 'object' && !itemShape.leaf) return { kind: 'array', leaf: false, opaque: false };
    return { kind: 'array', leaf: true, opaque: itemShape.opaque };
  }
  return { kind, leaf: true, opaque: false };
}

/** The first value of `key` among the facets that is accepted by `accept`. */
export function firstOf<T>(
  facets: readonly Facet[],
  key: string,
  accept: (v: unknown) => v is T,
): T | undefined {
  for (const { node } of facets) {
    const value = node[key];
    if (accept(value)) return value;
  }
  return undefined;
}

/** Property names with the schemas that define them, in first-seen order, and which are required unconditionally. */
export function propertiesOf(facets: readonly Facet[]): {
  properties: Map<string, Json[]>;
  required: Set<string>;
} {
  const properties = new Map<string, Json[]>();
  const required = new Set<string>();
  for (const { node, conditional } of facets) {
    if (isObject(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) {
        if (!isObject(child)) continue;
        const list = properties.get(name);
        if (list) list.push(child);
        else properties.set(name, [child]);
      }
    }
    if (!conditional && Array.isArray(node.required)) {
      for (const name of node.required) if (typeof name === 'string') required.add(name);
    }
  }
  return { properties, required };
}

/** Keywords whose values are annotations or data, not schemas. */
const NOT_SCHEMAS = new Set(['x-privacy', 'x-i18n', 'enum', 'const', 'default', 'examples']);

/** A schema node met inside an opaque value: its property name (or `''`), title, format and annotation. */
export interface SchemaName {
  name: string;
  title?: string;
  format?: string;
  privacy?: Json;
}

/**
 * Every property name, title, format and annotation anywhere below a node (branches, items, maps), for
 * judging an opaque value by its contents. Stops after `limit` entries.
 */
export function namesWithin(node: unknown, limit = 2000): SchemaName[] {
  const out: SchemaName[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, name: string): void => {
    if (out.length >= limit || seen.has(value)) return;
    if (Array.isArray(value)) {
      seen.add(value);
      for (const v of value) visit(v, name);
      return;
    }
    if (!isObject(value)) return;
    seen.add(value);
    const entry: SchemaName = { name };
    if (typeof value.title === 'string') entry.title = value.title;
    if (typeof value.format === 'string') entry.format = value.format;
    if (isObject(value['x-privacy'])) entry.privacy = value['x-privacy'];
    out.push(entry);
    for (const [key, child] of Object.entries(value)) {
      if (key === 'properties' && isObject(child)) {
        for (const [prop, schema] of Object.entries(child)) visit(schema, prop);
      } else if (NOT_SCHEMAS.has(key)) {
        // annotations and values, not schemas
      } else if (typeof child === 'object' && child !== null) visit(child, '');
    }
  };
  visit(node, '');
  return out;
}
