import type { Relation, ResolvedMask } from '@veil/schema';
import { compileMask, compilePrimitiveMask, type MaskContext, type Masker } from '../masks/index.js';
import { FULL, HIDDEN, MASKED, REVEAL } from './accessRank.js';
import { compileFastProjector, type FastProjector } from './fastProjector.js';
import type { FieldNode, FieldTree } from './fieldTree.js';
import { maskFoundPii, masksFoundPii } from './readsInFull.js';
import type { RoleSetTables } from './roleSetTables.js';

/** What a projection step does with the value under its key. */
export type StepAction = 'copy' | 'mask' | 'reveal' | 'descend-object' | 'descend-array';

/** One key of a projection plan; hidden fields and unknown keys have no step, so they are dropped. */
export interface ProjectionStep {
  key: string;
  /** `/` + escaped key, appended to the value pointer prefix. */
  ptr: string;
  action: StepAction;
  mask: ResolvedMask;
  /**
   * `maskValue(mask, ·, ctx)` bound once for `mask` and `reveal` steps (followed by `maskFoundPii`
   * when `scanned`); the identity otherwise.
   */
  masker: Masker;
  /**
   * Scanned free text the viewer may not write: PII found in a value shown in full (`copy`, or a
   * revealed `reveal`) is masked (`maskFoundPii`). See `masksFoundPii`.
   */
  scanned: boolean;
  /** `masker` for a value that is not null, an object or an array (one call per style, no checks). */
  maskPrimitive: Masker;
  /** Steps for the object's properties, or for each array item's properties. */
  children: ProjectionStep[];
  /**
   * The step for a map's entries (keys not among the declared properties), when the viewer reads
   * the entries in full; `null` otherwise (entries are then absent: their keys are data too).
   */
  entries: ProjectionStep | null;
  /** Every declared property key of the object or item, hidden ones included (never map entries). */
  declared: ReadonlySet<string>;
  /** The key needs own-property reads and defined writes (`__proto__`, `constructor` …). */
  unsafeKey: boolean;
}

const keep: Masker = (value) => value;

function afterMask(masker: Masker): Masker {
  return (value) => maskFoundPii(masker(value));
}

function stepFor(
  node: FieldNode,
  tables: RoleSetTables,
  relation: Relation,
  ctx: MaskContext,
): ProjectionStep | null {
  const rank = tables.access[relation][node.index]!;
  if (rank === HIDDEN) return null;
  let action: StepAction;
  if (node.container === 'object') action = 'descend-object';
  else if (node.container === 'array') action = 'descend-array';
  else if (rank === FULL) action = 'copy';
  else if (rank === REVEAL) action = 'reveal';
  else if (rank === MASKED) action = 'mask';
  else return null;
  const masked = action === 'mask' || action === 'reveal';
  const mask = node.field.privacy.mask;
  const children: ProjectionStep[] = [];
  for (const child of node.children) {
    const step = stepFor(child, tables, relation, ctx);
    if (step !== null) children.push(step);
  }
  const scanned = masksFoundPii(tables, node, relation);
  const masker = masked ? compileMask(mask, ctx) : keep;
  const maskPrimitive = masked ? compilePrimitiveMask(mask, ctx) : keep;
  return {
    key: node.key,
    ptr: node.ptr,
    action,
    mask,
    masker: masked && scanned ? afterMask(masker) : masker,
    maskPrimitive: masked && scanned ? afterMask(maskPrimitive) : maskPrimitive,
    scanned,
    children,
    entries: entriesStepFor(node.entries, tables, relation, ctx),
    declared: new Set(node.childByKey.keys()),
    unsafeKey: node.unsafeKey,
  };
}

/** A map's entries are projected only for a viewer who reads them in full (a key may be a value). */
function entriesStepFor(
  node: FieldNode | null,
  tables: RoleSetTables,
  relation: Relation,
  ctx: MaskContext,
): ProjectionStep | null {
  if (node === null || tables.access[relation][node.index]! !== FULL) return null;
  return stepFor(node, tables, relation, ctx);
}

/** The projection plan for one role set and relation: built once, reused for every record. */
export function buildProjectionPlan(
  tree: FieldTree,
  tables: RoleSetTables,
  relation: Relation,
  ctx: MaskContext,
): ProjectionStep[] {
  const steps: ProjectionStep[] = [];
  for (const root of tree.roots) {
    const step = stepFor(root, tables, relation, ctx);
    if (step !== null) steps.push(step);
  }
  return steps;
}

/** The entries step of a root that is a map (see {@link ProjectionStep.entries}). */
export function buildRootEntriesStep(
  tree: FieldTree,
  tables: RoleSetTables,
  relation: Relation,
  ctx: MaskContext,
): ProjectionStep | null {
  return entriesStepFor(tree.rootEntries, tables, relation, ctx);
}

/** A plan with its compiled top level (`fast`, when code generation is possible). */
export interface CompiledPlan {
  steps: ProjectionStep[];
  fast: FastProjector | null;
  /** Entries of a root map, with the root's declared keys; `null` for an ordinary root. */
  root: { entries: ProjectionStep; declared: ReadonlySet<string> } | null;
}

export function compilePlan(steps: ProjectionStep[], root: CompiledPlan['root'] = null): CompiledPlan {
  // The compiled top level knows only the declared keys, so a root map takes the interpreter.
  return { steps, fast: root === null ? compileFastProjector(steps) : null, root };
}
