import { randomBytes } from 'node:crypto';
import type { ExportStatus } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import { guardExportRows } from '../guard/usageGuard.js';
import type { ExportActor } from './exportActor.js';
import { exportApproversOf } from './exportApprovers.js';
import { exportAuditDetails, type StoredExport, saveExport } from './exportDocs.js';
import { planSource, resolveExportSource } from './exportSource.js';
import { assertPurpose, type ExportRequestInput } from './previewExport.js';

/**
 * Requests an export: the rows are resolved and frozen now, planned by policy; an export that
 * needs approval waits for an approver, any other is approved at once (by policy) and may be
 * downloaded within the download window. Audited as `export.request`.
 */
export async function requestExport(actor: ExportActor, input: ExportRequestInput): Promise<StoredExport> {
  const { services } = actor;
  await assertPurpose(actor, input.purpose);
  const source = await resolveExportSource(actor, input);
  const id = services.newId();
  const now = services.now();
  const at = now.toISOString();
  const plan = planSource(actor, source, { format: input.format, purpose: input.purpose, exportId: id, at });
  if (plan.columns.every((c) => c.treatment === 'dropped'))
    throw new VeilError('invalid-input', 'Nothing to export: you may export none of the chosen columns.');
  await guardExportRows(services, actor.userId, source.rowIds.length);
  const requester = await services.store.getDoc('users', actor.userId);
  const [users, departments] = await Promise.all([
    services.store.listDocs('users'),
    services.store.listDocs('departments'),
  ]);
  const approverIds = requester ? exportApproversOf(requester, users, departments) : [];
  if (plan.needsApproval && approverIds.length === 0)
    throw new VeilError(
      'forbidden',
      'Nobody can approve this export for you (no manager above you and no other admin); export fewer rows.',
    );
  const status: ExportStatus = plan.needsApproval ? 'pending-approval' : 'approved';
  const wait = plan.needsApproval ? services.config.exportRequestMs : services.config.exportDownloadMs;
  const doc: StoredExport = {
    id,
    templateId: source.loaded.sanitized.id,
    requestedBy: actor.userId,
    requestedAt: at,
    status,
    purpose: input.purpose,
    columns: source.columns,
    format: input.format,
    rowCount: source.rowIds.length,
    expiresAt: new Date(now.getTime() + wait).toISOString(),
    ...(plan.needsApproval ? {} : { approvedBy: 'policy' }),
    meta: {
      templateVersion: source.loaded.doc.version,
      ...(input.viewId === undefined ? {} : { viewId: input.viewId }),
      plan: {
        columns: plan.columns.map((c) => ({ field: c.field, treatment: c.treatment })),
        approvalReasons: plan.approvalReasons,
      },
      approverIds,
      rowIds: source.rowIds,
      fingerprintKey: randomBytes(32).toString('hex'),
      ...(plan.needsApproval ? {} : { decidedAt: at }),
    },
  };
  await saveExport(services.store, doc, {
    actor: actor.userId,
    action: 'export.request',
    target: id,
    details: exportAuditDetails(doc, {
      approvalReasons: plan.approvalReasons,
      approvers: approverIds,
      ...(plan.needsApproval ? {} : { autoApproved: true }),
    }),
  });
  return doc;
}
