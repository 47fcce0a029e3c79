import type { Relation, SanitizedTemplate, WorkspacePolicy } from '@veil/schema';
import type { MaskContext } from '../masks/index.js';
import type { Keyring, VeilRecord, Viewer } from '../types.js';
import { buildFieldTree, type FieldNode, type FieldTree } from './fieldTree.js';
import { isObject, ownValue, parsePointer } from './pointer.js';
import {
  buildProjectionPlan,
  buildRootEntriesStep,
  type CompiledPlan,
  compilePlan,
} from './projectionPlan.js';
import { buildRoleSetTables, type RoleSetTables } from './roleSetTables.js';

/** Options of `compilePolicy`. */
export interface CompileOptions {
  /** Keyed functions (hash mask, blind index, audit references); the secrets stay with the caller. */
  keys: Keyring;
  /** Locale of masks (range buckets) and watermarks; default `zh-CN`. */
  locale?: 'zh-CN' | 'en';
}

/** A role set's tables and its projection plans per relation (built lazily, then reused). */
interface RoleSetEntry {
  tables: RoleSetTables;
  plans: Partial<Record<Relation, CompiledPlan>>;
}

/** The compiled state shared by every engine function. Internal: the public API is `CompiledPolicy`. */
export interface EngineCore {
  template: SanitizedTemplate;
  policy: WorkspacePolicy;
  keys: Keyring;
  locale: 'zh-CN' | 'en';
  /** The masks' context: the compile locale and the keyring's `hashToken` (read at each call). */
  maskContext: MaskContext;
  tree: FieldTree;
  /** Segments of `template.owner`; `null` when it is not a pointer. */
  ownerSegments: string[] | null;
  ownerNode: FieldNode | undefined;
  entryFor(viewer: Viewer): RoleSetEntry;
  tablesFor(viewer: Viewer): RoleSetTables;
  planFor(viewer: Viewer, relation: Relation): CompiledPlan;
  relationOf(record: VeilRecord, viewer: Viewer): Relation | null;
  /** The viewer's relation before row scope is applied. */
  rawRelationOf(record: VeilRecord, viewer: Viewer): Relation;
}

export function createEngineCore(
  template: SanitizedTemplate,
  policy: WorkspacePolicy,
  options: CompileOptions,
): EngineCore {
  const tree = buildFieldTree(template);
  const ownerSegments = parsePointer(template.owner);
  const byRoles = new Map<string, RoleSetEntry>();
  const byViewer = new WeakMap<Viewer, RoleSetEntry>();
  const single = ownerSegments !== null && ownerSegments.length === 1 ? ownerSegments[0]! : null;

  const entryFor = (viewer: Viewer): RoleSetEntry => {
    let entry = byViewer.get(viewer);
    if (entry !== undefined) return entry;
    const roles = [...new Set(viewer.principal.roles)].sort();
    const key = roles.join('\u0000');
    entry = byRoles.get(key);
    if (entry === undefined) {
      entry = { tables: buildRoleSetTables(tree, policy, roles), plans: {} };
      byRoles.set(key, entry);
    }
    byViewer.set(viewer, entry);
    return entry;
  };

  const ownerOf = (data: Record<string, unknown>): unknown => {
    if (single !== null) {
      // Read first, then check ownership: only a string owner matters.
      if (!isObject(data)) return undefined;
      const value = data[single];
      return typeof value === 'string' && Object.hasOwn(data, single) ? value : undefined;
    }
    if (ownerSegments === null || ownerSegments.length === 0) return undefined;
    let cursor: unknown = data;
    for (const segment of ownerSegments) cursor = ownValue(cursor, segment);
    return cursor;
  };

  const rawRelationOf = (record: VeilRecord, viewer: Viewer): Relation => {
    const owner = ownerOf(record.data);
    if (typeof owner !== 'string') return 'any';
    if (owner === viewer.principal.id) return 'owner';
    const department = viewer.departmentOf(owner);
    return department !== undefined && viewer.teamDepartments.has(department) ? 'team' : 'any';
  };

  const keys = options.keys;
  const locale = options.locale ?? 'zh-CN';
  const maskContext: MaskContext = { locale, hashToken: (value) => keys.hashToken(value) };

  return {
    template,
    policy,
    keys,
    locale,
    maskContext,
    tree,
    ownerSegments,
    ownerNode: tree.byPath.get(template.owner),
    entryFor,
    tablesFor: (viewer) => entryFor(viewer).tables,
    planFor(viewer, relation) {
      const entry = entryFor(viewer);
      let plan = entry.plans[relation];
      if (plan === undefined) {
        const rootEntries = buildRootEntriesStep(tree, entry.tables, relation, maskContext);
        plan = compilePlan(
          buildProjectionPlan(tree, entry.tables, relation, maskContext),
          rootEntries === null ? null : { entries: rootEntries, declared: new Set(tree.rootByKey.keys()) },
        );
        entry.plans[relation] = plan;
      }
      return plan;
    },
    rawRelationOf,
    relationOf(record, viewer) {
      const relation = rawRelationOf(record, viewer);
      return entryFor(viewer).tables.admitted.includes(relation) ? relation : null;
    },
  };
}
