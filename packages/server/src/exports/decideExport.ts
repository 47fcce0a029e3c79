import { VeilError } from '../errors/veilError.js';
import { expireIfDue } from './expireExports.js';
import type { ExportActor } from './exportActor.js';
import { exportApproversOf } from './exportApprovers.js';
import { exportAuditDetails, getExport, type StoredExport, saveExport } from './exportDocs.js';

/** Loads a pending export the actor may decide, refusing the requester and anyone not an approver. */
async function decidable(actor: ExportActor, exportId: string): Promise<StoredExport> {
  const { store } = actor.services;
  const doc = await expireIfDue(actor.services, await getExport(store, exportId));
  if (doc.requestedBy === actor.userId)
    throw new VeilError('forbidden', 'You cannot approve or deny your own export; your manager decides it.');
  const requester = await store.getDoc('users', doc.requestedBy);
  const [users, departments] = await Promise.all([store.listDocs('users'), store.listDocs('departments')]);
  const approvers = requester ? exportApproversOf(requester, users, departments) : [];
  if (!approvers.includes(actor.userId) || !doc.meta.approverIds.includes(actor.userId))
    throw new VeilError('not-found', 'No such export.');
  if (doc.status !== 'pending-approval')
    throw new VeilError('conflict', `This export is no longer waiting for a decision (it is ${doc.status}).`);
  return doc;
}

/** Approves an export: its frozen rows become final, the download window opens. Audited. */
export async function approveExport(
  actor: ExportActor,
  input: { exportId: string; comment?: string },
): Promise<StoredExport> {
  const { services } = actor;
  const doc = await decidable(actor, input.exportId);
  const now = services.now();
  const noteId = input.comment ? await services.store.putNote(input.comment) : undefined;
  const next: StoredExport = {
    ...doc,
    status: 'approved',
    approvedBy: actor.userId,
    expiresAt: new Date(now.getTime() + services.config.exportDownloadMs).toISOString(),
    meta: { ...doc.meta, decidedAt: now.toISOString(), ...(noteId ? { decisionNoteId: noteId } : {}) },
  };
  await saveExport(services.store, next, {
    actor: actor.userId,
    action: 'export.approve',
    target: doc.id,
    details: exportAuditDetails(next, noteId ? { commentId: noteId } : {}),
  });
  return next;
}

/** Denies an export with a reason (kept as a note beside the entry). Audited. */
export async function denyExport(
  actor: ExportActor,
  input: { exportId: string; reason: string },
): Promise<StoredExport> {
  const { services } = actor;
  const doc = await decidable(actor, input.exportId);
  const noteId = await services.store.putNote(input.reason);
  const next: StoredExport = {
    ...doc,
    status: 'rejected',
    meta: { ...doc.meta, decidedAt: services.now().toISOString(), decisionNoteId: noteId, rowIds: [] },
  };
  await saveExport(services.store, next, {
    actor: actor.userId,
    action: 'export.deny',
    target: doc.id,
    details: exportAuditDetails(next, { reasonId: noteId }),
  });
  return next;
}
