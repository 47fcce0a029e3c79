import type { ProjectedRecord, VeilRecord } from '../types.js';
import type { CompiledPlan } from './projectionPlan.js';

/** Projections kept per plan (a role set × relation of one compiled policy); least recently used go first. */
const PROJECTIONS_PER_PLAN = 4096;

const byPlan = new WeakMap<CompiledPlan, Map<VeilRecord, ProjectedRecord>>();

/**
 * Whether a record may key the cache: the store hands out deep-frozen records and replaces the
 * object on every write, so a frozen record's projection under one plan never changes. A
 * mutable record (a write in progress, a test fixture) is projected afresh every time.
 */
export function cacheable(record: VeilRecord): boolean {
  return Object.isFrozen(record) && Object.isFrozen(record.data);
}

/** The projection of `record` under `plan` made earlier, if still kept. */
export function cachedProjection(plan: CompiledPlan, record: VeilRecord): ProjectedRecord | undefined {
  const cache = byPlan.get(plan);
  const hit = cache?.get(record);
  if (hit === undefined || cache === undefined) return undefined;
  cache.delete(record);
  cache.set(record, hit);
  return hit;
}

/** Keeps a projection (frozen throughout: it is shared by every later caller). */
export function keepProjection(
  plan: CompiledPlan,
  record: VeilRecord,
  projected: ProjectedRecord,
): ProjectedRecord {
  let cache = byPlan.get(plan);
  if (cache === undefined) {
    cache = new Map();
    byPlan.set(plan, cache);
  }
  deepFreeze(projected);
  cache.set(record, projected);
  if (cache.size > PROJECTIONS_PER_PLAN) cache.delete(cache.keys().next().value as VeilRecord);
  return projected;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
