import { escapeSegment } from './pointers.js';

/** One changed leaf, as the server's `records.create` / `records.update` take it. */
export interface LeafChange {
  pointer: string;
  value: unknown;
}

/** What a save sends: changed leaves (new array items under client-chosen `new:` ids) and removed items. */
export interface ChangeSet {
  changes: LeafChange[];
  removeItems: string[];
}

/** Prefix the server recognises for an array item it must create (and give an `_id`). */
const NEW_ITEM_PREFIX = 'new:';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Empty values the form produces for fields the user never touched. */
function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function same(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function isItemArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isObject);
}

/**
 * The leaf fields that differ between the record as loaded and as edited, as value pointers
 * with array items addressed by `_id`; a new item gets a `new:n` id, a dropped one is listed
 * in `removeItems`. Arrays of primitives are one leaf; a cleared value is sent as `null`.
 * Values the viewer did not touch, masked ones included, are never sent.
 */
export function changedLeaves(before: unknown, after: unknown): ChangeSet {
  const out: ChangeSet = { changes: [], removeItems: [] };
  let fresh = 0;
  const walk = (b: unknown, a: unknown, prefix: string): void => {
    if (same(b, a)) return;
    if (isObject(a) && (isObject(b) || isEmpty(b))) {
      const bo = isObject(b) ? b : {};
      for (const key of new Set([...Object.keys(bo), ...Object.keys(a)])) {
        if (key !== '_id') walk(bo[key], a[key], `${prefix}/${escapeSegment(key)}`);
      }
      return;
    }
    if (isItemArray(a) || (isItemArray(b) && isEmpty(a))) {
      const bi = isItemArray(b) ? b : [];
      const ai = isItemArray(a) ? a : [];
      const kept = new Set<unknown>();
      for (const item of ai) {
        const id = typeof item._id === 'string' ? item._id : undefined;
        const previous = id === undefined ? undefined : bi.find((x) => x._id === id);
        if (id !== undefined && previous) {
          kept.add(id);
          walk(previous, item, `${prefix}/${escapeSegment(id)}`);
        } else {
          fresh += 1;
          walk(undefined, item, `${prefix}/${escapeSegment(`${NEW_ITEM_PREFIX}${fresh}`)}`);
        }
      }
      for (const item of bi) {
        if (typeof item._id === 'string' && !kept.has(item._id))
          out.removeItems.push(`${prefix}/${escapeSegment(item._id)}`);
      }
      return;
    }
    out.changes.push({ pointer: prefix, value: isEmpty(a) && !Array.isArray(a) ? null : a });
  };
  walk(before, after, '');
  return out;
}
