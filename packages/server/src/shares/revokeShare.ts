import { VeilError } from '../errors/veilError.js';
import type { ExportActor } from '../exports/exportActor.js';
import type { Services } from '../services/services.js';
import { getShare, type StoredShare, saveShare, shareAuditDetails, shareState } from './shareDocs.js';

async function revoke(
  services: Services,
  share: StoredShare,
  actor: string,
  reason: string,
): Promise<StoredShare> {
  const next: StoredShare = {
    ...share,
    revoked: true,
    meta: { ...share.meta, revokedAt: services.now().toISOString(), revokedBy: actor },
  };
  await saveShare(services.store, next, {
    actor,
    action: 'share.revoke',
    target: share.id,
    details: shareAuditDetails(next, { reason }),
  });
  return next;
}

/** The sharer revokes their link; it stops opening at once. */
export async function revokeShare(actor: ExportActor, input: { shareId: string }): Promise<StoredShare> {
  let share: StoredShare;
  try {
    share = await getShare(actor.services.store, input.shareId);
  } catch {
    throw new VeilError('not-found', 'No such share link.');
  }
  if (share.createdBy !== actor.userId) throw new VeilError('not-found', 'No such share link.');
  if (share.revoked) return share;
  return revoke(actor.services, share, actor.userId, 'sharer');
}

/** The leaver guard: every live link a user made is revoked, each audited. */
export async function revokeSharesOf(services: Services, userId: string, actor: string): Promise<number> {
  const now = services.now().toISOString();
  let revoked = 0;
  for (const doc of await services.store.listDocs('shareLinks', { createdBy: userId, revoked: false })) {
    const share = doc as StoredShare;
    if (!share.meta || shareState(share, now) !== 'live') continue;
    await revoke(services, share, actor, 'leaver');
    revoked += 1;
  }
  return revoked;
}
