/**
 * JSON pointers (RFC 6901), the one implementation every package uses: schema paths
 * (`/contacts/*\/phone`), value pointers into records (`/contacts/c1/phone`) and issue paths.
 */

/** Escapes one segment (`~` → `~0`, `/` → `~1`). */
export function escapeSegment(segment: string): string {
  if (segment.indexOf('~') === -1 && segment.indexOf('/') === -1) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unescapes one segment (`~1` → `/`, `~0` → `~`). */
export function unescapeSegment(segment: string): string {
  if (segment.indexOf('~') === -1) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Splits a pointer into unescaped segments: `''` is the root (`[]`); `null` when it is not a pointer. */
export function parsePointer(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (pointer.charCodeAt(0) !== 47 /* / */) return null;
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** Joins unescaped segments (numbers as their decimal text) into a pointer; `[]` is the root `''`. */
export function joinPointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) out += `/${escapeSegment(String(segment))}`;
  return out;
}

/** Appends segments to a pointer, escaping each. */
export function appendPointer(base: string, ...segments: (string | number)[]): string {
  return base + joinPointer(segments);
}
