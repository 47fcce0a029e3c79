/** Splits a JSON pointer into unescaped segments (`''` → `[]`). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every present (non-null) value at a schema path; `*` walks every item of an array. */
export function valuesAt(data: unknown, segments: readonly string[]): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, index: number): void => {
    if (node === undefined || node === null) return;
    if (index === segments.length) {
      out.push(node);
      return;
    }
    if (typeof node !== 'object') return;
    const segment = segments[index] as string;
    if (segment === '*') {
      if (Array.isArray(node)) for (const item of node) walk(item, index + 1);
      return;
    }
    if (Array.isArray(node) || !Object.hasOwn(node, segment)) return;
    walk((node as Record<string, unknown>)[segment], index + 1);
  };
  walk(data, 0);
  return out;
}

/** A copy of `data` with every present value at the schema path replaced by `fn(value)`. */
export function mapValuesAt(
  data: unknown,
  segments: readonly string[],
  fn: (value: unknown) => unknown,
): unknown {
  const walk = (node: unknown, index: number): unknown => {
    if (node === undefined || node === null) return node;
    if (index === segments.length) return fn(node);
    if (typeof node !== 'object') return node;
    const segment = segments[index] as string;
    if (segment === '*') return Array.isArray(node) ? node.map((item) => walk(item, index + 1)) : node;
    if (Array.isArray(node) || !Object.hasOwn(node, segment)) return node;
    const object = node as Record<string, unknown>;
    return { ...object, [segment]: walk(object[segment], index + 1) };
  };
  return walk(data, 0);
}

/** A copy of `data` where `fn` may replace any object node; gets the node's schema path (array items as `*`). */
export function mapObjects(
  data: unknown,
  fn: (node: Record<string, unknown>, schemaPath: string) => unknown | undefined,
): unknown {
  const walk = (node: unknown, path: string): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, `${path}/*`));
    const replaced = fn(node as Record<string, unknown>, path);
    if (replaced !== undefined) return replaced;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value, `${path}/${escapeSegment(key)}`);
    return out;
  };
  return walk(data, '');
}

/** A copy of `data` without the values at the schema path, and the values taken (in document order). */
export function takeValuesAt(
  data: Record<string, unknown>,
  segments: readonly string[],
): { data: Record<string, unknown>; values: unknown[] } {
  const values: unknown[] = [];
  const walk = (node: unknown, index: number): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const segment = segments[index] as string;
    if (segment === '*') return Array.isArray(node) ? node.map((item) => walk(item, index + 1)) : node;
    if (Array.isArray(node) || !Object.hasOwn(node, segment)) return node;
    const object = node as Record<string, unknown>;
    if (index === segments.length - 1) {
      if (object[segment] === undefined) return node;
      values.push(object[segment]);
      const { [segment]: _taken, ...rest } = object;
      return rest;
    }
    return { ...object, [segment]: walk(object[segment], index + 1) };
  };
  const out = segments.length === 0 ? data : (walk(data, 0) as Record<string, unknown>);
  return { data: values.length === 0 ? data : out, values };
}
