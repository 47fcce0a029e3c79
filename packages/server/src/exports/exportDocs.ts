import type { AuditInput, ExportDoc, ExportStatus, Store } from '@veil/store';
import { VeilError } from '../errors/veilError.js';

/**
 * What an export keeps beside the store's `ExportDoc` fields, in `meta`. Ids, schema paths,
 * codes and note ids only: a comment or reason is a note beside the audit entry, never here.
 */
interface ExportMeta {
  templateVersion: number;
  viewId?: string;
  /** Column treatments and approval reasons as planned when requested. */
  plan: { columns: { field: string; treatment: string }[]; approvalReasons: string[] };
  /** Who may decide it (computed when requested, checked again when deciding). */
  approverIds: string[];
  /** The row ids, frozen when requested; approval makes them final. */
  rowIds: string[];
  /** The export's fingerprint key (hex); the trace keeps this, never cell contents. */
  fingerprintKey: string;
  decidedAt?: string;
  /** Note id of the approver's comment or the denial's reason. */
  decisionNoteId?: string;
  builtAt?: string;
  fileName?: string;
  fileSize?: number;
  rowsWritten?: number;
  rowsDropped?: number;
  downloadAttempts?: number;
  downloadedAt?: string;
  voidReason?: 'access-lost' | 'leaver' | 'build-failed';
}

/** An export as the server keeps it: the store's document with typed `meta`. */
export type StoredExport = ExportDoc & { meta: ExportMeta };

/** The export, or NOT_FOUND (also when it is someone else's and the caller may not see it). */
export async function getExport(store: Store, id: string): Promise<StoredExport> {
  const doc = await store.getDoc('exports', id);
  if (!doc?.meta) throw new VeilError('not-found', 'No such export.');
  return doc as StoredExport;
}

/** Writes the export and its audit entry together. */
export async function saveExport(store: Store, doc: StoredExport, audit: AuditInput): Promise<void> {
  await store.putDoc('exports', doc as ExportDoc, audit);
}

export async function listExports(store: Store, where: { requestedBy?: string; status?: ExportStatus }) {
  return (await store.listDocs('exports', where)).filter((doc) => doc.meta !== undefined) as StoredExport[];
}

/** What an audit entry says about an export: ids, paths and codes, never a value. */
export function exportAuditDetails(doc: StoredExport, extra: Record<string, unknown> = {}) {
  return {
    templateId: doc.templateId,
    format: doc.format,
    purpose: doc.purpose,
    rowCount: doc.rowCount,
    columns: doc.columns,
    status: doc.status,
    ...extra,
  };
}
