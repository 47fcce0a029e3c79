import { expireIfDue, LIVE_EXPORT_STATUSES } from './expireExports.js';
import type { ExportActor } from './exportActor.js';
import { listExports as listExportDocs, type StoredExport } from './exportDocs.js';

/** What a list shows of an export: its state and plan, never rows or keys. */
export interface ExportSummary {
  id: string;
  templateId: string;
  requestedBy: string;
  requestedAt: string;
  status: StoredExport['status'];
  purpose: string;
  format: StoredExport['format'];
  rowCount: number;
  columns: { field: string; treatment: string }[];
  approvalReasons: string[];
  approvedBy: string | null;
  expiresAt: string | null;
  rowsWritten: number | null;
  rowsDropped: number | null;
}

export function summarize(doc: StoredExport): ExportSummary {
  return {
    id: doc.id,
    templateId: doc.templateId,
    requestedBy: doc.requestedBy,
    requestedAt: doc.requestedAt,
    status: doc.status,
    purpose: doc.purpose,
    format: doc.format,
    rowCount: doc.rowCount,
    columns: doc.meta.plan.columns,
    approvalReasons: doc.meta.plan.approvalReasons,
    approvedBy: doc.approvedBy ?? null,
    expiresAt: doc.expiresAt ?? null,
    rowsWritten: doc.meta.rowsWritten ?? null,
    rowsDropped: doc.meta.rowsDropped ?? null,
  };
}

/** The requester's own exports, newest first (expiring those whose time is up). */
export async function listMyExports(actor: ExportActor): Promise<ExportSummary[]> {
  const docs = await listExportDocs(actor.services.store, { requestedBy: actor.userId });
  const current = await Promise.all(docs.map((doc) => expireIfDue(actor.services, doc)));
  return current.map(summarize).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}

/** Exports waiting for the actor's decision, with the requester's name (an approver may list no users). */
export async function listExportInbox(
  actor: ExportActor,
): Promise<(ExportSummary & { requesterName: string })[]> {
  const docs = await listExportDocs(actor.services.store, { status: 'pending-approval' });
  const mine = docs.filter(
    (doc) => doc.meta.approverIds.includes(actor.userId) && doc.requestedBy !== actor.userId,
  );
  const current = await Promise.all(mine.map((doc) => expireIfDue(actor.services, doc)));
  const live = current.filter((doc) => LIVE_EXPORT_STATUSES.includes(doc.status));
  const names = new Map<string, string>();
  for (const id of new Set(live.map((doc) => doc.requestedBy)))
    names.set(id, (await actor.services.store.getDoc('users', id))?.name ?? id);
  return live
    .map((doc) => ({ ...summarize(doc), requesterName: names.get(doc.requestedBy) ?? doc.requestedBy }))
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}
