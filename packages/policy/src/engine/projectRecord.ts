import type { ProjectedRecord, ValuePointer, VeilRecord, Viewer } from '../types.js';
import type { EngineCore } from './engineCore.js';
import { isObject } from './pointer.js';
import type { CompiledPlan } from './projectionPlan.js';
import { type ProjectionRun, runSteps } from './runProjection.js';

function projectData(plan: CompiledPlan, data: unknown, run: ProjectionRun): Record<string, unknown> {
  if (!isObject(data)) return {};
  return (plan.fast === null ? null : plan.fast(data, '', run)) ?? runSteps(plan.steps, data, {}, '', run);
}

/** Options of `projectRecord` / `projectRecords`. */
export interface ProjectOptions {
  /** Value pointers of `reveal` fields the viewer has revealed (with an audited reason): shown in full. */
  revealed?: ReadonlySet<ValuePointer>;
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
  const run: ProjectionRun = {
    masked: [],
    revealable: [],
    revealed: options?.revealed ?? null,
    maskContext: { locale: core.locale, hashToken: core.keys.hashToken },
  };
  const data = projectData(core.planFor(viewer, relation), record.data, run);
  return {
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
}

/** Projects many records; records outside the viewer's row scope are left out. */
export function projectRecords(
  core: EngineCore,
  records: readonly VeilRecord[],
  viewer: Viewer,
  options?: ProjectOptions,
): ProjectedRecord[] {
  const out: ProjectedRecord[] = [];
  const maskContext = { locale: core.locale, hashToken: core.keys.hashToken };
  const revealed = options?.revealed ?? null;
  const admitted = core.tablesFor(viewer).admitted;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const relation = core.rawRelationOf(record, viewer);
    if (!admitted.includes(relation)) continue;
    const run: ProjectionRun = { masked: [], revealable: [], revealed, maskContext };
    const data = projectData(core.planFor(viewer, relation), record.data, run);
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
