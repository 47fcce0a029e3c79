import type { FieldNode, FieldTree } from './fieldTree.js';
import { isObject, ownValue, parsePointer } from './pointer.js';

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
  let cursor: unknown = data;
  let atItem = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
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
    const next = children.get(segment);
    if (next === undefined) return { status: 'unknown-field' };
    node = next;
    children = next.childByKey;
    cursor = ownValue(cursor, segment);
    atItem = false;
  }
  if (node === undefined || node.container !== null || atItem) return { status: 'not-a-leaf' };
  return { status: 'field', node };
}
