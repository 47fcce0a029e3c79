import type { FieldNode, FieldTree } from './fieldTree.js';
import { escapeSegment, isObject, ownValue, parsePointer } from './pointer.js';

/** Prefix of a client-generated `_id` for an array item that does not exist yet (create or append). */
export const NEW_ITEM_PREFIX = 'new:';

export type ResolvedPointer =
  | { status: 'field'; node: FieldNode }
  | { status: 'unknown-field' }
  /** The pointer addresses a whole object, array or array item. */
  | { status: 'not-a-leaf' };

/**
 * Maps a value pointer (array items by `_id`) onto its schema field. `items` says which item
 * `_id`s are accepted: `any` (schema mapping only), `new` (a create: every item starts with
 * `new:`), or a record's data (an update: each `_id` exists in it or starts with `new:`).
 */
export function resolveValuePointer(
  tree: FieldTree,
  pointer: string,
  items: 'any' | 'new' | Record<string, unknown>,
): ResolvedPointer {
  const data = typeof items === 'object' ? items : undefined;
  const segments = parsePointer(pointer);
  if (segments === null) return { status: 'unknown-field' };
  if (segments.length === 0) return { status: 'not-a-leaf' };
  let node: FieldNode | undefined;
  let children = tree.rootByKey;
  let entries = tree.rootEntries;
  let cursor: unknown = data;
  let atItem = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const afterItem = atItem;
    if (node !== undefined && node.container === 'array' && !atItem) {
      if (segment === '') return { status: 'unknown-field' };
      if (
        items === 'any' ||
        (segment.startsWith(NEW_ITEM_PREFIX) && segment.length > NEW_ITEM_PREFIX.length)
      ) {
        cursor = undefined;
      } else {
        if (!Array.isArray(cursor)) return { status: 'unknown-field' };
        const item = cursor.find((candidate: unknown) => isObject(candidate) && candidate._id === segment);
        if (item === undefined) return { status: 'unknown-field' };
        cursor = item;
      }
      atItem = true;
      continue;
    }
    if (node !== undefined && node.container === null) return { status: 'unknown-field' };
    // A key that is not a declared property is a map entry, when the object is a map; an item's
    // `_id` and keys that would reach a prototype never are.
    const next =
      children.get(segment) ??
      ((afterItem && segment === '_id') || segment === '__proto__' ? undefined : (entries ?? undefined));
    if (next === undefined) return { status: 'unknown-field' };
    node = next;
    children = next.childByKey;
    entries = next.entries;
    cursor = ownValue(cursor, segment);
    atItem = false;
  }
  if (node === undefined || node.container !== null || atItem) return { status: 'not-a-leaf' };
  return { status: 'field', node };
}

/**
 * A value pointer as errors, refusals and audit entries may name it: every map key (a key may be
 * a value, such as a phone number) replaced by `*`, the map's entries field; array item ids and
 * declared property names kept. Segments that map onto no field are kept as they were sent.
 */
export function redactMapKeys(tree: FieldTree, pointer: string): string {
  const segments = parsePointer(pointer);
  if (segments === null || segments.length === 0) return pointer;
  let node: FieldNode | undefined;
  let children = tree.rootByKey;
  let entries = tree.rootEntries;
  let atItem = false;
  let out = '';
  let known = true;
  for (const segment of segments) {
    if (!known) {
      out += `/${escapeSegment(segment)}`;
      continue;
    }
    if (node !== undefined && node.container === 'array' && !atItem) {
      out += `/${escapeSegment(segment)}`;
      atItem = true;
      continue;
    }
    const declared = children.get(segment);
    const next =
      declared ??
      ((segment === '_id' && atItem) || segment === '__proto__' ? undefined : (entries ?? undefined));
    atItem = false;
    if (next === undefined) {
      known = false;
      out += `/${escapeSegment(segment)}`;
      continue;
    }
    out += declared === undefined ? '/*' : `/${escapeSegment(segment)}`;
    node = next;
    children = next.childByKey;
    entries = next.entries;
  }
  return out;
}
