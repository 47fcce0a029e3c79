/** JSON pointer helpers over record data whose array items carry an `_id`. */

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(segments: readonly string[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every concrete value a schema path (`/contacts/*` + `/mobile`) reaches, with its value pointer (items by `_id`). */
export function valuesAt(data: unknown, schemaPath: string): { pointer: string; value: unknown }[] {
  let frontier: { segments: string[]; value: unknown }[] = [{ segments: [], value: data }];
  for (const segment of splitPointer(schemaPath)) {
    const next: typeof frontier = [];
    for (const { segments, value } of frontier) {
      if (segment === '*') {
        if (!Array.isArray(value)) continue;
        value.forEach((item, index) => {
          const id = isObject(item) && typeof item._id === 'string' ? item._id : String(index);
          next.push({ segments: [...segments, id], value: item });
        });
      } else if (isObject(value) && segment in value) {
        next.push({ segments: [...segments, segment], value: value[segment] });
      }
    }
    frontier = next;
  }
  return frontier.map(({ segments, value }) => ({ pointer: joinPointer(segments), value }));
}

/** The value at a value pointer whose array segments are item `_id`s. */
export function valueAtPointer(data: unknown, pointer: string): unknown {
  let value: unknown = data;
  for (const segment of splitPointer(pointer)) {
    if (Array.isArray(value)) value = value.find((item) => isObject(item) && item._id === segment);
    else if (isObject(value)) value = value[segment];
    else return undefined;
  }
  return value;
}

/** Turns a value pointer into the schema path it belongs to (item ids become `*`). */
export function schemaPathOf(data: unknown, pointer: string): string {
  const out: string[] = [];
  let value: unknown = data;
  for (const segment of splitPointer(pointer)) {
    if (Array.isArray(value)) {
      out.push('*');
      value = value.find((item) => isObject(item) && item._id === segment);
    } else {
      out.push(segment);
      value = isObject(value) ? value[segment] : undefined;
    }
  }
  return joinPointer(out);
}
