/** JSON pointer helpers over record data whose array items carry an `_id` (escaping: `@veil/schema`). */
import { escapeSegment, joinPointer, parsePointer } from '@veil/schema';

export { escapeSegment, joinPointer };

/** Segments of a pointer (`''`, `'/'` and anything that is not a pointer: none). */
export function splitPointer(pointer: string): string[] {
  if (pointer === '/') return [];
  return parsePointer(pointer) ?? [];
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

/** The value pointer of an rjsf path into form data: array indexes become the items' `_id`s (`#index` without one). */
export function valuePointerOf(data: unknown, path: readonly (string | number)[]): string {
  let node: unknown = data;
  let pointer = '';
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') {
      const item = node[segment] as Record<string, unknown> | undefined;
      pointer += `/${typeof item?._id === 'string' ? escapeSegment(item._id) : `#${segment}`}`;
      node = item;
    } else {
      pointer += `/${escapeSegment(String(segment))}`;
      node = isObject(node) ? node[String(segment)] : undefined;
    }
  }
  return pointer;
}
