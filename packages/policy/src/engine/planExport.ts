import type { Relation } from '@veil/schema';
import type {
  ApprovalReason,
  CellTreatment,
  ColumnTreatment,
  ExportColumnPlan,
  ExportPlan,
  ExportRequest,
  Viewer,
} from '../types.js';
import { FULL, HIDDEN } from './accessRank.js';
import type { EngineCore } from './engineCore.js';

/** Why a column got its treatment (`ExportColumnPlan.reason`). */
export type ExportColumnReason =
  | 'unknown-field'
  | 'not-a-value'
  | 'export-deny'
  | 'hidden'
  | 'export-masked'
  | 'not-readable-in-full'
  | 'approval'
  | 'allow';

function watermarkOf(core: EngineCore, request: ExportRequest, viewer: Viewer): string {
  const principal = viewer.principal;
  const who =
    principal.name !== undefined && principal.name !== ''
      ? `${principal.name} (${principal.id})`
      : principal.id;
  const purpose = core.policy.purposes.find((entry) => entry.id === request.purpose);
  const purposeTitle = purpose?.i18n?.[core.locale]?.title ?? purpose?.title ?? request.purpose;
  return core.locale === 'en'
    ? `Exported by ${who} at ${request.at} for ${purposeTitle} — export ${request.exportId}`
    : `导出人 ${who} · 时间 ${request.at} · 用途 ${purposeTitle} · 导出编号 ${request.exportId}`;
}

/** How a row with a relation of this access rank shows a kept field that exports `rule`. */
function cellOf(rank: number, rule: string): CellTreatment {
  if (rank === HIDDEN) return 'empty';
  if (rule === 'masked' || rank !== FULL) return 'masked';
  return 'clear';
}

/**
 * Plans an export per row relation, as the list view shows rows: for each relation the viewer's
 * row scope admits, a kept column shows the value as the viewer reads it (`allow`, `approval`),
 * masked even when read in full (`masked`), or nothing where hidden; `deny`, unknown, non-value
 * columns and columns hidden on every admitted relation are dropped. Approval is needed for a
 * kept `approval` column, more rows than `exportApprovalRows`, or a kept `restricted` column.
 */
export function planExport(core: EngineCore, request: ExportRequest, viewer: Viewer): ExportPlan {
  const tables = core.tablesFor(viewer);
  const columns: ExportColumnPlan[] = [];
  const reasons = new Set<ApprovalReason>();
  for (const field of request.columns) {
    const node = core.tree.byPath.get(field);
    if (node === undefined) {
      columns.push({ field, treatment: 'dropped', reason: 'unknown-field', byRelation: {} });
      continue;
    }
    if (node.container !== null) {
      columns.push({ field, treatment: 'dropped', reason: 'not-a-value', byRelation: {} });
      continue;
    }
    const privacy = node.field.privacy;
    if (privacy.export === 'deny') {
      columns.push({ field, treatment: 'dropped', reason: 'export-deny', byRelation: {} });
      continue;
    }
    const byRelation: Partial<Record<Relation, CellTreatment>> = {};
    const shown = new Set<CellTreatment>();
    for (const relation of tables.admitted) {
      const cell = cellOf(tables.access[relation][node.index]!, privacy.export);
      byRelation[relation] = cell;
      if (cell !== 'empty') shown.add(cell);
    }
    if (shown.size === 0) {
      columns.push({ field, treatment: 'dropped', reason: 'hidden', byRelation: {} });
      continue;
    }
    let treatment: ColumnTreatment;
    let reason: ExportColumnReason;
    if (privacy.export === 'masked') {
      treatment = 'masked';
      reason = 'export-masked';
    } else if (!shown.has('clear')) {
      treatment = 'masked';
      reason = 'not-readable-in-full';
    } else {
      treatment = shown.has('masked') ? 'per-row' : 'clear';
      reason = privacy.export === 'approval' ? 'approval' : 'allow';
    }
    if (privacy.export === 'approval') reasons.add('approval-field');
    if (privacy.level === 'restricted') reasons.add('restricted-column');
    columns.push({ field, treatment, reason, byRelation });
  }
  if (request.rowCount > core.policy.exportApprovalRows) reasons.add('row-count');
  const order: ApprovalReason[] = ['approval-field', 'row-count', 'restricted-column'];
  const approvalReasons = order.filter((reason) => reasons.has(reason));
  return {
    columns,
    needsApproval: approvalReasons.length > 0,
    approvalReasons,
    watermark: watermarkOf(core, request, viewer),
  };
}

/** How many of a plan's columns an export keeps, masks (wholly or on some rows) and drops. */
export function countExportColumns(columns: readonly { treatment: ColumnTreatment }[]): {
  kept: number;
  masked: number;
  dropped: number;
} {
  let masked = 0;
  let dropped = 0;
  for (const { treatment } of columns) {
    if (treatment === 'dropped') dropped += 1;
    else if (treatment === 'masked' || treatment === 'per-row') masked += 1;
  }
  return { kept: columns.length - dropped, masked, dropped };
}
