import { traceFingerprint } from '@veil/policy';
import type { ExportActor } from './exportActor.js';
import { listExports } from './exportDocs.js';
import { exportPrf } from './exportPrf.js';

/** One export a leaked fragment matches: who asked, who approved, when and why. */
export interface TraceResult {
  exportId: string;
  requestedBy: string;
  approvedBy: string | null;
  requestedAt: string;
  purpose: string;
  templateId: string;
  matchedCells: number;
}

/**
 * Finds the export(s) a pasted fragment came from, by each export's fingerprint key. The
 * fragment itself is neither stored nor audited (it may hold personal values): the entry
 * holds how many exports matched and their ids.
 */
export async function traceExport(actor: ExportActor, input: { text: string }): Promise<TraceResult[]> {
  const { store } = actor.services;
  const exports = await listExports(store, {});
  const byId = new Map(exports.map((doc) => [doc.id, doc]));
  const matches = traceFingerprint(
    input.text,
    exports.map((doc) => ({ exportId: doc.id, prf: exportPrf(doc.meta.fingerprintKey) })),
  );
  const results = matches.map((match): TraceResult => {
    const doc = byId.get(match.exportId)!;
    return {
      exportId: doc.id,
      requestedBy: doc.requestedBy,
      approvedBy: doc.approvedBy ?? null,
      requestedAt: doc.requestedAt,
      purpose: doc.purpose,
      templateId: doc.templateId,
      matchedCells: match.matched,
    };
  });
  await store.appendAudit({
    actor: actor.userId,
    action: 'export.trace',
    target: 'exports',
    details: { candidates: exports.length, matches: results.map((r) => r.exportId) },
  });
  return results;
}
