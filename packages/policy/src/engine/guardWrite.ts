import type { Relation } from '@veil/schema';
import type { FieldChange, VeilRecord, Viewer, WriteGuardResult, WriteRefusal } from '../types.js';
import { FULL, HIDDEN } from './accessRank.js';
import type { EngineCore } from './engineCore.js';
import { isObject } from './pointer.js';
import { redactMapKeys, resolveValuePointer } from './resolveValuePointer.js';

const withMaps = new WeakMap<EngineCore, boolean>();

/** Whether the template has a map anywhere (only then do refusal pointers need rewriting). */
function hasMaps(core: EngineCore): boolean {
  let known = withMaps.get(core);
  if (known === undefined) {
    known = core.tree.rootEntries !== null || core.tree.nodes.some((node) => node.entries !== null);
    withMaps.set(core, known);
  }
  return known;
}

/**
 * Decides whether a viewer may set these leaf values. No record = a create (relation `owner`).
 * Order per pointer: schema mapping (`unknown-field`, `not-a-leaf`), `owner-field`, `hidden`,
 * `masked`, then the item `_id`s are checked against the record (`unknown-field`), then
 * `read-only` — so a field the viewer cannot read never tells whether an item exists.
 * A record outside the viewer's row scope does not exist for it: every change is `hidden`.
 */
export function guardWrite(
  core: EngineCore,
  changes: readonly FieldChange[],
  viewer: Viewer,
  record?: VeilRecord,
): WriteGuardResult {
  const tables = core.tablesFor(viewer);
  let relation: Relation | null;
  if (record === undefined) relation = tables.admitted.includes('owner') ? 'owner' : null;
  else relation = core.relationOf(record, viewer);
  const items = record === undefined ? 'new' : isObject(record.data) ? record.data : {};
  const refusals: WriteRefusal[] = [];
  for (const change of changes) {
    // A refusal names a map entry by its map (`/contacts/*`), never by its key.
    const pointer = hasMaps(core) ? redactMapKeys(core.tree, change.pointer) : change.pointer;
    const sent = change.pointer;
    const resolved = resolveValuePointer(core.tree, sent, 'any');
    if (resolved.status !== 'field') {
      refusals.push({ pointer, reason: resolved.status });
      continue;
    }
    const node = resolved.node;
    if (node === core.ownerNode) {
      refusals.push({ pointer, reason: 'owner-field' });
      continue;
    }
    const rank = relation === null ? HIDDEN : tables.access[relation][node.index]!;
    if (rank === HIDDEN) refusals.push({ pointer, reason: 'hidden' });
    else if (rank < FULL) refusals.push({ pointer, reason: 'masked' });
    else if (resolveValuePointer(core.tree, sent, items).status !== 'field')
      refusals.push({ pointer, reason: 'unknown-field' });
    else if (tables.editable[relation!][node.index] !== 1) refusals.push({ pointer, reason: 'read-only' });
  }
  return refusals.length === 0 ? { status: 'allowed' } : { status: 'refused', refusals };
}
