import { traceFingerprint } from '@veil/policy';
import type { ExportActor } from './exportActor.js';
import { listExports } from './exportDocs.js';
import { exportPrf } from './exportPrf.js';

/** One export a leaked fragment matches: who asked, who approved, when and why. */
export interface TraceResult {
  exportId: string;
  requestedBy: string;
  requesterName: string;
  approvedBy: string | null;
  /** The approver's name; `null` when policy approved it (no approval needed) or nobody did. */
  approverName: string | null;
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
  const nameOf = async (id: string | undefined) =>
    id === undefined || id === 'policy' ? null : ((await store.getDoc('users', id))?.name ?? id);
  const results: TraceResult[] = [];
  for (const match of matches) {
    const doc = byId.get(match.exportId)!;
    results.push({
      exportId: doc.id,
      requestedBy: doc.requestedBy,
      requesterName: (await nameOf(doc.requestedBy)) ?? doc.requestedBy,
      approvedBy: doc.approvedBy ?? null,
      approverName: await nameOf(doc.approvedBy),
      requestedAt: doc.requestedAt,
      purpose: doc.purpose,
      templateId: doc.templateId,
      matchedCells: match.matched,
    });
  }
  await store.appendAudit({
    actor: actor.userId,
    action: 'export.trace',
    target: 'exports',
    details: { candidates: exports.length, matches: results.map((r) => r.exportId) },
  });
  return results;
}
