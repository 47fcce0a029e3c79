import { POOL_OWNER, type Relation } from '@veil/schema';
import type { ProjectedRecord, ValuePointer, VeilRecord, Viewer } from '../types.js';
import type { EngineCore } from './engineCore.js';
import { isObject } from './pointer.js';
import { cacheable, cachedProjection, keepProjection } from './projectionCache.js';
import type { CompiledPlan } from './projectionPlan.js';
import { type ProjectionRun, runEntries, runSteps } from './runProjection.js';

/** Projects one record's data; sets fresh `run.masked` / `run.revealable` lists. */
function projectData(plan: CompiledPlan, data: unknown, run: ProjectionRun): Record<string, unknown> {
  if (!isObject(data)) {
    run.masked = [];
    run.revealable = [];
    return {};
  }
  if (plan.fast !== null) {
    const projected = plan.fast(data, run);
    if (projected !== null) return projected;
  }
  run.masked = [];
  run.revealable = [];
  const out = runSteps(plan.steps, data, {}, '', run);
  if (plan.root !== null) runEntries(plan.root.entries, plan.root.declared, data, out, '', run, false);
  return out;
}

/** Options of `projectRecord` / `projectRecords`. */
export interface ProjectOptions {
  /** Value pointers of `reveal` fields the viewer has revealed (with an audited reason): shown in full. */
  revealed?: ReadonlySet<ValuePointer>;
}

function newRun(options: ProjectOptions | undefined): ProjectionRun {
  return { masked: [], revealable: [], revealed: options?.revealed ?? null };
}

/**
 * What a viewer may see of one record, or `null` when the record is outside its row scope.
 * Leaf values the viewer reads in full are shared with the input, not copied: treat both as immutable.
 */
export function projectRecord(
  core: EngineCore,
  record: VeilRecord,
  viewer: Viewer,
  options?: ProjectOptions,
): ProjectedRecord | null {
  const relation = core.relationOf(record, viewer);
  if (relation === null) return null;
  const plan = core.planFor(viewer, relation);
  // Revealed values are the viewer's own: such a projection is never shared.
  const shared = options?.revealed === undefined && cacheable(record);
  if (shared) {
    const hit = cachedProjection(plan, record);
    if (hit !== undefined) return hit;
  }
  const run = newRun(options);
  const data = projectData(plan, record.data, run);
  const projected: ProjectedRecord = {
    id: record.id,
    templateVersion: record.templateVersion,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    relation,
    data,
    masked: run.masked,
    revealable: run.revealable,
  };
  return shared ? keepProjection(plan, record, projected) : projected;
}

/**
 * What a viewer sees of a record in the shared pool (公海) before claiming it: the fields as the
 * `any` relation's access grants them (a colleague's customer, typically company and stage in
 * full and contacts masked), whatever the viewer's row scope; `null` for a record not in the pool.
 */
export function projectPooled(core: EngineCore, record: VeilRecord, viewer: Viewer): ProjectedRecord | null {
  let owner: unknown = record.data;
  for (const segment of core.ownerSegments ?? []) owner = isObject(owner) ? owner[segment] : undefined;
  if (owner !== POOL_OWNER) return null;
  const run = newRun(undefined);
  const data = projectData(core.planFor(viewer, 'any'), record.data, run);
  return {
    id: record.id,
    templateVersion: record.templateVersion,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    relation: 'any',
    data,
    masked: run.masked,
    revealable: run.revealable,
  };
}

/** Projects many records; records outside the viewer's row scope are left out. */
export function projectRecords(
  core: EngineCore,
  records: readonly VeilRecord[],
  viewer: Viewer,
  options?: ProjectOptions,
): ProjectedRecord[] {
  const out: ProjectedRecord[] = [];
  const admitted = core.tablesFor(viewer).admitted;
  // Looked up once per call, not per record.
  const plans: Record<Relation, CompiledPlan | null> = { owner: null, team: null, any: null };
  const run = newRun(options);
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const relation = core.rawRelationOf(record, viewer);
    if (!admitted.includes(relation)) continue;
    let plan = plans[relation];
    if (plan === null) {
      plan = core.planFor(viewer, relation);
      plans[relation] = plan;
    }
    const data = projectData(plan, record.data, run);
    out.push({
      id: record.id,
      templateVersion: record.templateVersion,
      version: record.version,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      relation,
      data,
      masked: run.masked,
      revealable: run.revealable,
    });
  }
  return out;
}
