import type { ValuePointer } from '../types.js';
import { escapeSegment } from './pointer.js';
import type { ProjectionStep } from './projectionPlan.js';
import { maskFoundPii } from './readsInFull.js';

/**
 * State of one record's projection: the lists collect value pointers as the plan runs. One run
 * object may serve many records in turn; each record gets fresh `masked`/`revealable` arrays.
 */
export interface ProjectionRun {
  masked: ValuePointer[];
  revealable: ValuePointer[];
  revealed: ReadonlySet<ValuePointer> | null;
}

function put(out: Record<string, unknown>, step: ProjectionStep, value: unknown): void {
  if (step.unsafeKey) {
    Object.defineProperty(out, step.key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    out[step.key] = value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Runs a plan over one object of a record's data into `out`. Values that do not match their
 * field's shape (a string where an object is declared, an item without `_id`) are dropped.
 */
export function runSteps(
  steps: readonly ProjectionStep[],
  source: Record<string, unknown>,
  out: Record<string, unknown>,
  prefix: string,
  run: ProjectionRun,
): Record<string, unknown> {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    let value: unknown;
    if (step.unsafeKey) {
      if (!Object.hasOwn(source, step.key)) continue;
      value = source[step.key];
    } else {
      value = source[step.key];
    }
    if (value === undefined) continue;
    if (value === null) {
      put(out, step, null);
      continue;
    }
    switch (step.action) {
      case 'copy':
        if (step.scanned) value = maskFoundPii(value);
        break;
      case 'mask':
        run.masked.push(prefix + step.ptr);
        value = step.masker(value);
        break;
      case 'reveal': {
        const pointer = prefix + step.ptr;
        if (run.revealed === null || !run.revealed.has(pointer)) {
          run.masked.push(pointer);
          run.revealable.push(pointer);
          value = step.masker(value);
        } else if (step.scanned) {
          value = maskFoundPii(value);
        }
        break;
      }
      case 'descend-object':
        if (!isPlainObject(value)) continue;
        value = runObject(step, value, prefix + step.ptr, run);
        break;
      case 'descend-array':
        if (!Array.isArray(value)) continue;
        value = runItems(step, value, prefix, run);
        break;
      default: {
        const unreachable: never = step.action;
        throw new Error(`unknown projection step ${String(unreachable)}`);
      }
    }
    put(out, step, value);
  }
  return out;
}

/** Projects the items of an array of objects; items that are not objects or lack a string `_id` are dropped. */
export function runItems(
  step: ProjectionStep,
  value: readonly unknown[],
  prefix: string,
  run: ProjectionRun,
): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const base = prefix + step.ptr;
  for (let j = 0; j < value.length; j++) {
    const item: unknown = value[j];
    if (!isPlainObject(item)) continue;
    const id = item._id;
    if (typeof id !== 'string' || id === '') continue;
    const pointer = `${base}/${escapeSegment(id)}`;
    const out = runSteps(step.children, item, { _id: id }, pointer, run);
    if (step.entries !== null) runEntries(step.entries, step.declared, item, out, pointer, run, true);
    items.push(out);
  }
  return items;
}

/** Projects an object's declared properties, then its map entries (when the viewer may see them). */
export function runObject(
  step: ProjectionStep,
  value: Record<string, unknown>,
  pointer: string,
  run: ProjectionRun,
): Record<string, unknown> {
  const out = runSteps(step.children, value, {}, pointer, run);
  if (step.entries !== null) runEntries(step.entries, step.declared, value, out, pointer, run, false);
  return out;
}

/**
 * Projects every own key of `source` that is not a declared property (nor an item's `_id`)
 * through the map's entries step, in the source's key order.
 */
export function runEntries(
  entries: ProjectionStep,
  declared: ReadonlySet<string>,
  source: Record<string, unknown>,
  out: Record<string, unknown>,
  prefix: string,
  run: ProjectionRun,
  isItem: boolean,
): void {
  for (const key of Object.keys(source)) {
    if (declared.has(key) || (isItem && key === '_id')) continue;
    const step: ProjectionStep = {
      ...entries,
      key,
      ptr: `/${escapeSegment(key)}`,
      unsafeKey: key === '__proto__' || key in Object.prototype,
    };
    runSteps([step], source, out, prefix, run);
  }
}
