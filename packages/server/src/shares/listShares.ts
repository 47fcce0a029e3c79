import type { ExportActor } from '../exports/exportActor.js';
import { type StoredShare, shareState } from './shareDocs.js';

/** A share as its sharer's list shows it (no token: it was shown once). */
export interface ShareSummary {
  id: string;
  templateId: string;
  recordIds: string[];
  fields: string[];
  recipientLabel: string;
  createdAt: string;
  expiresAt: string;
  oneTime: boolean;
  opens: number;
  state: ReturnType<typeof shareState>;
}

export function summarizeShare(share: StoredShare, now: string): ShareSummary {
  return {
    id: share.id,
    templateId: share.templateId,
    recordIds: share.recordIds,
    fields: share.columns,
    recipientLabel: share.meta.recipientLabel,
    createdAt: share.createdAt,
    expiresAt: share.expiresAt,
    oneTime: share.meta.oneTime,
    opens: share.meta.opens,
    state: shareState(share, now),
  };
}

/** The caller's share links, newest first. */
export async function listMyShares(actor: ExportActor): Promise<ShareSummary[]> {
  const now = actor.services.now().toISOString();
  const docs = (await actor.services.store.listDocs('shareLinks', {
    createdBy: actor.userId,
  })) as StoredShare[];
  return docs
    .filter((doc) => doc.meta !== undefined)
    .map((doc) => summarizeShare(doc, now))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
