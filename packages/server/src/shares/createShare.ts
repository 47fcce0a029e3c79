import { VeilError } from '../errors/veilError.js';
import type { ExportActor } from '../exports/exportActor.js';
import { renderRecipientView } from './recipientView.js';
import { newShareToken, type StoredShare, saveShare, shareAuditDetails } from './shareDocs.js';
import { assertShareable, type ShareInput } from './shareInput.js';

/**
 * Creates a share link: planned for the recipient (refused when a picked field is not visible
 * to them), expiring (default and maximum from the configuration), optionally one-time. The
 * token is returned once; the store keeps its hash. Audited as `share.create`.
 */
export async function createShare(
  actor: ExportActor,
  input: ShareInput & { expiresInHours?: number; oneTime?: boolean },
): Promise<{ share: StoredShare; token: string }> {
  const { services } = actor;
  await assertShareable(services, actor, input);
  const { token, id } = newShareToken();
  const life =
    input.expiresInHours === undefined ? services.config.shareDefaultMs : input.expiresInHours * 3_600_000;
  if (life > services.config.shareMaxMs)
    throw new VeilError(
      'invalid-input',
      `A share link lives at most ${Math.floor(services.config.shareMaxMs / 3_600_000)} hours; choose a shorter time.`,
    );
  // Plans (and refuses) exactly as the recipient will see it.
  await renderRecipientView(services, {
    ...input,
    shareId: id,
    label: input.recipientLabel,
    maskPii: input.maskPii ?? true,
    locale: actor.locale,
  });
  const now = services.now();
  const share: StoredShare = {
    id,
    createdBy: actor.userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + life).toISOString(),
    revoked: false,
    templateId: input.templateId,
    recordIds: input.recordIds,
    columns: input.fields,
    meta: {
      recipientLabel: input.recipientLabel,
      purpose: input.purpose,
      oneTime: input.oneTime ?? false,
      maskPii: input.maskPii ?? true,
      opens: 0,
    },
  };
  await saveShare(services.store, share, {
    actor: actor.userId,
    action: 'share.create',
    target: id,
    details: shareAuditDetails(share, { purpose: input.purpose }),
  });
  return { share, token };
}
