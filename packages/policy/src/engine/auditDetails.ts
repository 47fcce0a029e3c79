import type { AccessLevel, Relation } from '@veil/schema';
import type { AuditChange, AuditDetails, VeilRecord, Viewer } from '../types.js';
import { HIDDEN, LEVEL_OF_RANK } from './accessRank.js';
import type { EngineCore } from './engineCore.js';
import type { FieldNode } from './fieldTree.js';
import { isObject } from './pointer.js';
import { resolveValuePointer } from './resolveValuePointer.js';

type AuditField = { path: string; access: AccessLevel };

/** The audit view of a change: ids, keyed references, schema paths and access levels — never a value. */
export interface EngineAuditDetails extends AuditDetails {
  kind: AuditChange['kind'];
  /** For a reveal: the schema path revealed and the id of the stored reason. */
  reveal?: { path: string | null; reasonId: string };
  /** Changed paths of a write that map onto no schema field (counted, never named: a key may be a value). */
  unknownPaths?: number;
}

function accessOf(core: EngineCore, viewer: Viewer, relation: Relation | null, node: FieldNode): AccessLevel {
  if (relation === null) return 'hidden';
  return LEVEL_OF_RANK[core.tablesFor(viewer).access[relation][node.index]!]!;
}

/** Read fields per role set's access table (one per relation): the same for every record read. */
const readFieldsByRanks = new WeakMap<Uint8Array, AuditField[]>();

/** Leaf fields the viewer could read (access above hidden), in schema order (frozen: shared). */
function readFields(core: EngineCore, viewer: Viewer, relation: Relation | null): AuditField[] {
  if (relation === null) return [];
  const ranks = core.tablesFor(viewer).access[relation];
  const kept = readFieldsByRanks.get(ranks);
  if (kept !== undefined) return kept;
  const out: AuditField[] = [];
  for (const node of core.tree.nodes) {
    const rank = ranks[node.index]!;
    if (node.container === null && rank !== HIDDEN)
      out.push(Object.freeze({ path: node.field.path, access: LEVEL_OF_RANK[rank]! }));
  }
  Object.freeze(out);
  readFieldsByRanks.set(ranks, out);
  return out;
}

/** Leaf fields holding a value somewhere in the record (any array item), in schema order. */
function presentLeaves(core: EngineCore, record: VeilRecord): FieldNode[] {
  const present = new Set<FieldNode>();
  const visit = (nodes: readonly FieldNode[], source: Record<string, unknown>): void => {
    for (const node of nodes) {
      if (!Object.hasOwn(source, node.key)) continue;
      visitValue(node, source[node.key]);
    }
  };
  const visitValue = (node: FieldNode, value: unknown): void => {
    if (value === undefined) return;
    if (node.container === null) present.add(node);
    else if (node.container === 'object' && isObject(value)) visitObject(node, value);
    else if (node.container === 'array' && Array.isArray(value))
      for (const item of value) if (isObject(item)) visitObject(node, item);
  };
  // Declared properties, then the keys a map's entries hold.
  const visitObject = (node: FieldNode | null, value: Record<string, unknown>): void => {
    const children = node === null ? core.tree.roots : node.children;
    const byKey = node === null ? core.tree.rootByKey : node.childByKey;
    const entries = node === null ? core.tree.rootEntries : node.entries;
    visit(children, value);
    if (entries === null) return;
    for (const key of Object.keys(value)) {
      if (!byKey.has(key) && !(node?.container === 'array' && key === '_id')) visitValue(entries, value[key]);
    }
  };
  if (isObject(record.data)) visitObject(null, record.data);
  return core.tree.nodes.filter((node) => present.has(node));
}

/** Maps an immer patch path (array indexes as numbers) onto a schema field; `undefined` if it maps onto none. */
function nodeOfPatchPath(core: EngineCore, path: readonly (string | number)[]): FieldNode | undefined {
  let node: FieldNode | undefined;
  let children = core.tree.rootByKey;
  let entries = core.tree.rootEntries;
  let atItem = false;
  for (const segment of path) {
    const afterItem = atItem;
    if (node !== undefined && node.container === 'array' && !atItem) {
      if (segment === 'length') return node;
      if (typeof segment === 'number' || /^\d+$/.test(segment)) {
        atItem = true;
        continue;
      }
      return undefined;
    }
    if (typeof segment !== 'string' || (node !== undefined && node.container === null)) return undefined;
    // A key that is not a declared property lands on the map's entries (never named: `…/*`).
    const next =
      children.get(segment) ?? (afterItem && segment === '_id' ? undefined : (entries ?? undefined));
    if (next === undefined) return undefined;
    node = next;
    children = next.childByKey;
    entries = next.entries;
    atItem = false;
  }
  return node;
}

function recordEntry(core: EngineCore, record: VeilRecord, fields: AuditField[]) {
  return { ref: core.keys.auditRef(record.id), id: record.id, fields };
}

/**
 * What the audit log may hold about a change. Reads list the fields the viewer saw with their
 * access; writes the changed schema paths (array indexes as `*`); creates and deletes the
 * fields holding a value; reveals the revealed schema path and the reason's id.
 */
export function auditDetails(core: EngineCore, change: AuditChange, viewer: Viewer): EngineAuditDetails {
  switch (change.kind) {
    case 'read':
      return {
        kind: 'read',
        records: change.records.map(({ record }) =>
          recordEntry(core, record, readFields(core, viewer, core.relationOf(record, viewer))),
        ),
      };
    case 'write': {
      const relation = core.relationOf(change.record, viewer);
      const seen = new Set<FieldNode>();
      let unknownPaths = 0;
      for (const path of change.changedPaths) {
        const node = nodeOfPatchPath(core, path);
        if (node === undefined) unknownPaths += 1;
        else seen.add(node);
      }
      const fields = core.tree.nodes
        .filter((node) => seen.has(node))
        .map((node) => ({ path: node.field.path, access: accessOf(core, viewer, relation, node) }));
      return { kind: 'write', records: [recordEntry(core, change.record, fields)], unknownPaths };
    }
    case 'create':
    case 'delete': {
      const relation = change.kind === 'create' ? 'owner' : core.relationOf(change.record, viewer);
      const fields = presentLeaves(core, change.record).map((node) => ({
        path: node.field.path,
        access: accessOf(core, viewer, relation, node),
      }));
      return { kind: change.kind, records: [recordEntry(core, change.record, fields)] };
    }
    case 'reveal': {
      const relation = core.relationOf(change.record, viewer);
      const resolved = resolveValuePointer(core.tree, change.pointer, 'any');
      const node = resolved.status === 'field' ? resolved.node : undefined;
      const fields =
        node === undefined ? [] : [{ path: node.field.path, access: accessOf(core, viewer, relation, node) }];
      return {
        kind: 'reveal',
        records: [recordEntry(core, change.record, fields)],
        reveal: { path: node?.field.path ?? null, reasonId: change.reasonId },
      };
    }
    default: {
      const unreachable: never = change;
      throw new Error(`unknown audit change ${String((unreachable as { kind: unknown }).kind)}`);
    }
  }
}
