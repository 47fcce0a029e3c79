import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportStatus } from '@veil/store';
import type { Services } from '../services/services.js';
import { exportAuditDetails, listExports, type StoredExport, saveExport } from './exportDocs.js';

/** States in which an export still waits or may still be downloaded. */
export const LIVE_EXPORT_STATUSES: readonly ExportStatus[] = ['pending-approval', 'approved', 'ready'];

/** Deletes an export's file, if it has one. */
export async function deleteExportFile(services: Services, doc: StoredExport): Promise<void> {
  if (doc.meta.fileName) await rm(join(services.exportsDir, doc.meta.fileName), { force: true });
}

/**
 * Ends an export for good (`expired` or `void`): its file is deleted, its frozen rows forgotten,
 * and the step audited.
 */
export async function endExport(
  services: Services,
  doc: StoredExport,
  status: 'expired' | 'void',
  options: { actor: string; reason?: 'access-lost' | 'leaver' | 'build-failed' | 'subject-erasure' },
): Promise<StoredExport> {
  await deleteExportFile(services, doc);
  const { fileName: _f, ...meta } = doc.meta;
  const next: StoredExport = {
    ...doc,
    status,
    meta: { ...meta, rowIds: [], ...(options.reason ? { voidReason: options.reason } : {}) },
  };
  await saveExport(services.store, next, {
    actor: options.actor,
    action: status === 'expired' ? 'export.expire' : 'export.void',
    target: doc.id,
    details: exportAuditDetails(next, options.reason ? { reason: options.reason } : {}),
  });
  return next;
}

/** The export, expired first when its time is up. */
export async function expireIfDue(services: Services, doc: StoredExport): Promise<StoredExport> {
  if (!LIVE_EXPORT_STATUSES.includes(doc.status)) return doc;
  if (doc.expiresAt === undefined || doc.expiresAt > services.now().toISOString()) return doc;
  return endExport(services, doc, 'expired', { actor: 'system' });
}

/** Expires every live export whose time is up (a scheduled job; also run at start). */
export async function expireExports(services: Services): Promise<number> {
  let expired = 0;
  for (const status of LIVE_EXPORT_STATUSES) {
    for (const doc of await listExports(services.store, { status })) {
      const next = await expireIfDue(services, doc);
      if (next.status === 'expired') expired += 1;
    }
  }
  return expired;
}
