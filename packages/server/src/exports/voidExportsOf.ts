import type { Services } from '../services/services.js';
import { endExport, LIVE_EXPORT_STATUSES } from './expireExports.js';
import { listExports } from './exportDocs.js';

/**
 * The leaver guard: voids every pending and approved-but-not-downloaded export of a user, files
 * deleted, each voiding audited. Returns how many were voided.
 */
export async function voidExportsOf(services: Services, userId: string, actor: string): Promise<number> {
  let voided = 0;
  for (const doc of await listExports(services.store, { requestedBy: userId })) {
    if (!LIVE_EXPORT_STATUSES.includes(doc.status)) continue;
    await endExport(services, doc, 'void', { actor, reason: 'leaver' });
    voided += 1;
  }
  return voided;
}
