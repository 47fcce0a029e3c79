import type { RetentionStep, VeilRecord } from '../types.js';
import type { EngineCore } from './engineCore.js';
import { isObject, parsePointer } from './pointer.js';

/** Copies the containers along `segments` (array items matched by `_id`) and returns the parent object of the last one. */
function parentForWrite(
  data: Record<string, unknown>,
  segments: readonly string[],
): Record<string, unknown> | null {
  let cursor: Record<string, unknown> = data;
  let i = 0;
  while (i < segments.length - 1) {
    const key = segments[i]!;
    if (!Object.hasOwn(cursor, key)) return null;
    const value = cursor[key];
    if (Array.isArray(value)) {
      const id = segments[i + 1];
      const index = value.findIndex((item: unknown) => isObject(item) && item._id === id);
      if (index === -1 || i + 1 >= segments.length - 1) return null;
      const items = [...value];
      const item = { ...(items[index] as Record<string, unknown>) };
      items[index] = item;
      cursor[key] = items;
      cursor = item;
      i += 2;
    } else if (isObject(value)) {
      const copy = { ...value };
      cursor[key] = copy;
      cursor = copy;
      i += 1;
    } else {
      return null;
    }
  }
  return cursor;
}

/**
 * Applies one retention step to a copy of a record: `delete` of the whole record gives `null`;
 * `anonymize` sets the pointed values to `null` (a whole-record anonymize nulls every leaf but the
 * owner field); a field-level `delete` removes the values; `archive` leaves the record as it is
 * (moving it is the store's job). The input is not modified.
 */
export function applyRetentionStep(
  core: EngineCore,
  record: VeilRecord,
  step: RetentionStep,
): VeilRecord | null {
  if (step.action === 'archive') return record;
  if (step.pointers.length === 0) {
    if (step.action === 'delete') return null;
    const owner = core.ownerNode;
    const clear = (
      nodes: typeof core.tree.roots,
      source: Record<string, unknown>,
    ): Record<string, unknown> => {
      const out: Record<string, unknown> = { ...source };
      for (const node of nodes) {
        if (!Object.hasOwn(out, node.key) || node === owner) continue;
        const value = out[node.key];
        if (node.container === 'object' && isObject(value)) out[node.key] = clear(node.children, value);
        else if (node.container === 'array' && Array.isArray(value))
          out[node.key] = value.map((item: unknown) => (isObject(item) ? clear(node.children, item) : item));
        else out[node.key] = null;
      }
      return out;
    };
    return { ...record, data: clear(core.tree.roots, isObject(record.data) ? record.data : {}) };
  }
  const data: Record<string, unknown> = { ...record.data };
  for (const pointer of step.pointers) {
    const segments = parsePointer(pointer);
    if (segments === null || segments.length === 0) continue;
    const parent = parentForWrite(data, segments);
    const key = segments[segments.length - 1]!;
    if (parent === null || !Object.hasOwn(parent, key)) continue;
    if (step.action === 'anonymize') parent[key] = null;
    else delete parent[key];
  }
  return { ...record, data };
}
