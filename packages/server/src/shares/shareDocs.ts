import { createHash, randomBytes } from 'node:crypto';
import type { AuditInput, ShareLinkDoc, Store } from '@veil/store';
import { VeilError } from '../errors/veilError.js';

/** What a share keeps in `meta`: the label, options and use; never a shown value. */
interface ShareMeta {
  /** Who it is for, shown as the on-screen watermark (e.g. "王经理 · 合作方 A"). */
  recipientLabel: string;
  purpose: string;
  oneTime: boolean;
  /** Free-text PII found in what is shown is masked too. */
  maskPii: boolean;
  usedAt?: string;
  opens: number;
  revokedAt?: string;
  revokedBy?: string;
}

export type StoredShare = ShareLinkDoc & { meta: ShareMeta };

/** A fresh link token and the id it is stored under (its SHA-256): the data folder holds no usable link. */
export function newShareToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: shareIdOf(token) };
}

export function shareIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function getShare(store: Store, id: string): Promise<StoredShare> {
  const doc = await store.getDoc('shareLinks', id);
  if (!doc?.meta) throw new VeilError('not-found', 'No such share link.');
  return doc as StoredShare;
}

export async function saveShare(store: Store, doc: StoredShare, audit: AuditInput): Promise<void> {
  await store.putDoc('shareLinks', doc as ShareLinkDoc, audit);
}

/** Whether a link can still be opened at `now`, and if not why. */
export function shareState(doc: StoredShare, now: string): 'live' | 'revoked' | 'expired' | 'used' {
  if (doc.revoked) return 'revoked';
  if (doc.expiresAt <= now) return 'expired';
  if (doc.meta.oneTime && doc.meta.usedAt !== undefined) return 'used';
  return 'live';
}

/** What an audit entry says about a share: ids, paths, codes. */
export function shareAuditDetails(doc: StoredShare, extra: Record<string, unknown> = {}) {
  return {
    templateId: doc.templateId,
    records: doc.recordIds,
    fields: doc.columns,
    expiresAt: doc.expiresAt,
    oneTime: doc.meta.oneTime,
    ...extra,
  };
}
