import type { SanitizedTemplate } from '@veil/schema';
import { escapeSegment, isObject, joinPointer } from '../engine/pointer.js';
import { compileMask, type MaskContext } from '../masks/index.js';
import type { ExportPlan, ProjectedRecord } from '../types.js';

/** A kept column's values in one row: `null` for nothing, one value, or one per array item. */
export type ExportRowValues = (projected: ProjectedRecord) => unknown[];

interface KeptColumn {
  segments: string[];
  inArray: boolean;
  /** The column's pointer when it is not inside an array. */
  pointer: string;
  plan: ExportPlan['columns'][number];
  mask: (value: unknown) => unknown;
}

/** Values at a schema path of projected data, with the concrete pointer of each (items by `_id`). */
function collect(
  data: unknown,
  segments: readonly string[],
  at: number,
  pointer: string,
  out: [string, unknown][],
): void {
  if (at === segments.length) {
    if (data !== undefined) out.push([pointer, data]);
    return;
  }
  const segment = segments[at]!;
  if (segment === '*') {
    if (!Array.isArray(data)) return;
    for (const item of data) {
      // Arrays of objects are addressed by `_id`; arrays of primitives are the field itself.
      if (isObject(item) && typeof item._id === 'string')
        collect(item, segments, at + 1, `${pointer}/${escapeSegment(item._id)}`, out);
    }
    return;
  }
  if (!isObject(data) || !Object.hasOwn(data, segment)) return;
  collect(data[segment], segments, at + 1, `${pointer}/${escapeSegment(segment)}`, out);
}

/** The value at a path without arrays, or `undefined`. */
function valueAt(data: unknown, segments: readonly string[]): unknown {
  let cursor = data;
  for (const segment of segments) {
    if (!isObject(cursor) || !Object.hasOwn(cursor, segment)) return undefined;
    cursor = cursor[segment];
  }
  return cursor;
}

/** A value the plan masks: masked with the field's mask unless the projection shows it masked already. */
function maskUnlessShown(
  column: KeptColumn,
  masked: ReadonlySet<string> | null,
  pointer: string,
  value: unknown,
): unknown {
  return value !== null && masked?.has(pointer) !== true ? column.mask(value) : value;
}

/**
 * Binds an export plan to a template: the returned function gives, for a record as the list view
 * projects it for the requester, the values of every kept column in plan order — as the row's
 * relation says (`ExportColumnPlan.byRelation`): as read, masked (values the projection shows in
 * full are masked with the field's mask), or `null`. Dropped columns are left out.
 */
export function compileExportRow(
  template: SanitizedTemplate,
  plan: ExportPlan,
  ctx: MaskContext,
): ExportRowValues {
  const fields = new Map(template.fields.map((field) => [field.path, field]));
  const kept: KeptColumn[] = [];
  for (const column of plan.columns) {
    if (column.treatment === 'dropped') continue;
    const field = fields.get(column.field);
    if (field === undefined) continue;
    kept.push({
      segments: field.segments,
      inArray: field.segments.includes('*'),
      pointer: joinPointer(field.segments),
      plan: column,
      mask: compileMask(field.privacy.mask, ctx),
    });
  }
  return (projected) => {
    const masked = projected.masked.length > 0 ? new Set(projected.masked) : null;
    const row: unknown[] = [];
    for (const column of kept) {
      const cell = column.plan.byRelation[projected.relation] ?? 'empty';
      if (cell === 'empty') {
        row.push(null);
        continue;
      }
      const masking = cell === 'masked';
      if (!column.inArray) {
        const value = valueAt(projected.data, column.segments);
        row.push(
          value === undefined
            ? null
            : masking
              ? maskUnlessShown(column, masked, column.pointer, value)
              : value,
        );
        continue;
      }
      const found: [string, unknown][] = [];
      collect(projected.data, column.segments, 0, '', found);
      const values = new Array<unknown>(found.length);
      for (let i = 0; i < found.length; i++) {
        const [pointer, value] = found[i]!;
        values[i] = masking ? maskUnlessShown(column, masked, pointer, value) : value;
      }
      row.push(values);
    }
    return row;
  };
}
