/** RFC 6901 escaping of one pointer segment. */
export function escapeSegment(segment: string): string {
  if (segment.indexOf('~') === -1 && segment.indexOf('/') === -1) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** RFC 6901 unescaping of one pointer segment. */
export function unescapeSegment(segment: string): string {
  if (segment.indexOf('~') === -1) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Splits a JSON pointer into unescaped segments; `null` when it is not a pointer (`''` is the root: `[]`). */
export function parsePointer(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (pointer.charCodeAt(0) !== 47 /* / */) return null;
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** Joins unescaped segments into a JSON pointer. */
export function joinPointer(segments: readonly string[]): string {
  let out = '';
  for (const segment of segments) out += `/${escapeSegment(segment)}`;
  return out;
}

/** Own-property read that never reaches `Object.prototype`. */
export function ownValue(container: unknown, key: string): unknown {
  if (container === null || typeof container !== 'object' || Array.isArray(container)) return undefined;
  return Object.hasOwn(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
