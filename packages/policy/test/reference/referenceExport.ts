/**
 * The reference meaning of one export row, written from DESIGN.md without src/export: a kept
 * column shows, for the row's relation, the stored value where the viewer reads it in full and
 * the field exports; the field's mask of the stored value where it exports masked or the viewer
 * reads it masked; nothing where hidden.
 */
import type { SanitizedTemplate } from '@veil/schema';
import { type MaskContext, maskValue } from '../../src/masks/index.js';
import type { ExportRequest, VeilRecord } from '../../src/types.js';
import {
  type RefWorld,
  refAccess,
  refMasksFoundPii,
  refPlanExport,
  refRelation,
  refScrub,
} from './referenceEngine.js';

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function rawValues(template: SanitizedTemplate, data: unknown, segments: string[]): unknown[] {
  const out: unknown[] = [];
  const walk = (value: unknown, rest: string[]) => {
    if (rest.length === 0) {
      if (value !== undefined) out.push(value);
      return;
    }
    const [head, ...tail] = rest as [string, ...string[]];
    if (head === '*') {
      if (!Array.isArray(value)) return;
      for (const item of value)
        if (isObj(item) && typeof item._id === 'string' && item._id !== '') walk(item, tail);
      return;
    }
    if (isObj(value) && Object.hasOwn(value, head)) walk(value[head], tail);
  };
  void template;
  walk(data, segments);
  return out;
}

/** The kept columns' values of one record's export row, or `null` when the row is out of scope. */
export function refExportRow(
  w: RefWorld,
  request: ExportRequest,
  record: VeilRecord,
  ctx: MaskContext,
): unknown[] | null {
  const relation = refRelation(w, record);
  if (relation === null) return null;
  const plan = refPlanExport(w, request);
  const row: unknown[] = [];
  for (const column of plan.columns) {
    if (column.treatment === 'dropped') continue;
    const field = w.template.fields.find((f) => f.path === column.field)!;
    const cell = column.byRelation[relation] ?? 'empty';
    if (cell === 'empty') {
      row.push(null);
      continue;
    }
    // The list view's value (found PII in scanned text masked for a viewer who may not write it),
    // then masked again where the export masks what the viewer reads in full.
    const shown = (v: unknown) => (refMasksFoundPii(w, field, relation) ? refScrub(v) : v);
    const readsFull = refAccess(w, field, relation) === 'full';
    const values = rawValues(w.template, record.data, field.segments).map((v) => {
      if (v === null || cell !== 'masked') return shown(v);
      return readsFull
        ? maskValue(field.privacy.mask, shown(v), ctx)
        : shown(maskValue(field.privacy.mask, v, ctx));
    });
    row.push(field.segments.includes('*') ? values : (values[0] ?? null));
  }
  return row;
}
