import type { ExportActor } from '../exports/exportActor.js';
import { type RecipientView, renderRecipientView } from './recipientView.js';
import { assertShareable, type ShareInput } from './shareInput.js';

/** Exactly what the recipient would see, with free-text PII found (and masked unless declined). */
export async function previewShare(actor: ExportActor, input: ShareInput): Promise<RecipientView> {
  await assertShareable(actor.services, actor, input);
  return renderRecipientView(actor.services, {
    ...input,
    shareId: 'preview',
    label: input.recipientLabel,
    maskPii: input.maskPii ?? true,
    locale: actor.locale,
  });
}
