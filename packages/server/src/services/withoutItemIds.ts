import type { SanitizedTemplate } from '@veil/schema';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Schema paths of the arrays of objects (the arrays whose items carry a server-assigned `_id`). */
const itemArraysByTemplate = new WeakMap<SanitizedTemplate, { arrays: Set<string>; paths: Set<string> }>();

function shapeOf(template: SanitizedTemplate): { arrays: Set<string>; paths: Set<string> } {
  let shape = itemArraysByTemplate.get(template);
  if (shape === undefined) {
    shape = {
      arrays: new Set(template.fields.filter((f) => f.kind === 'array' && !f.leaf).map((f) => f.path)),
      paths: new Set(template.fields.map((f) => f.path)),
    };
    itemArraysByTemplate.set(template, shape);
  }
  return shape;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The record's data as the template's author wrote its schema: a copy without the `_id` the
 * server gives each item of an array of objects (docs/decisions/180-array-item-ids.md). Records
 * are validated in this form, so a closed item schema (`additionalProperties: false`),
 * `uniqueItems` and `maxProperties` judge exactly the author's data. Values the template does
 * not describe as an array of objects are copied as they are.
 */
export function withoutItemIds(
  template: SanitizedTemplate,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const { arrays, paths } = shapeOf(template);
  const walk = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) {
      if (!arrays.has(path)) return value;
      return value.map((item) => {
        if (!isObject(item)) return item;
        const { _id: _dropped, ...rest } = item;
        return walkObject(rest, `${path}/*`);
      });
    }
    return isObject(value) ? walkObject(value, path) : value;
  };
  const walkObject = (value: Record<string, unknown>, path: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const own = `${path}/${escapeSegment(key)}`;
      // A key the template does not name is a map entry (`…/*`) when the object is a map.
      const childPath = paths.has(own) ? own : `${path}/*`;
      Object.defineProperty(out, key, {
        value: paths.has(childPath) ? walk(child, childPath) : child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return walkObject(data, '');
}
