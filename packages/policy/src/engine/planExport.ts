import type { ApprovalReason, ExportColumnPlan, ExportPlan, ExportRequest, Viewer } from '../types.js';
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

/**
 * Plans an export column by column. A column is dropped when unknown, not a value, denied
 * for export or hidden on every relation the viewer's scope admits; masked when the field
 * exports masked or the viewer does not read it in full on every admitted relation; clear
 * otherwise. Approval is needed for a clear `approval` column, more rows than
 * `exportApprovalRows`, or a `restricted` column the file would contain.
 */
export function planExport(core: EngineCore, request: ExportRequest, viewer: Viewer): ExportPlan {
  const tables = core.tablesFor(viewer);
  const columns: ExportColumnPlan[] = [];
  const reasons = new Set<ApprovalReason>();
  for (const field of request.columns) {
    const node = core.tree.byPath.get(field);
    let treatment: ExportColumnPlan['treatment'];
    let reason: ExportColumnReason;
    if (node === undefined) {
      treatment = 'dropped';
      reason = 'unknown-field';
    } else if (node.container !== null) {
      treatment = 'dropped';
      reason = 'not-a-value';
    } else {
      const privacy = node.field.privacy;
      const ranks = tables.admitted.map((relation) => tables.access[relation][node.index]!);
      if (privacy.export === 'deny') {
        treatment = 'dropped';
        reason = 'export-deny';
      } else if (ranks.every((rank) => rank === HIDDEN)) {
        treatment = 'dropped';
        reason = 'hidden';
      } else if (privacy.export === 'masked') {
        treatment = 'masked';
        reason = 'export-masked';
      } else if (ranks.some((rank) => rank !== FULL)) {
        treatment = 'masked';
        reason = 'not-readable-in-full';
      } else if (privacy.export === 'approval') {
        treatment = 'clear';
        reason = 'approval';
        reasons.add('approval-field');
      } else {
        treatment = 'clear';
        reason = 'allow';
      }
      if (treatment !== 'dropped' && privacy.level === 'restricted') reasons.add('restricted-column');
    }
    columns.push({ field, treatment, reason });
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
