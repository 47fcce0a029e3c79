import type { ExportActor } from '../exports/exportActor.js';
import { renderRecipientView } from './recipientView.js';
import { assertShareable, type ShareInput } from './shareInput.js';

/**
 * "Copy as text": the recipient's view as plain lines for a chat, in place of a link — masked
 * and minimised exactly as a share, PII in free text masked, under the recipient's label.
 * Audited as `share.copy-text` (ids and paths only).
 */
export async function shareSummaryText(actor: ExportActor, input: ShareInput): Promise<{ text: string }> {
  const { services } = actor;
  await assertShareable(services, actor, input);
  const view = await renderRecipientView(services, {
    ...input,
    shareId: 'summary',
    label: input.recipientLabel,
    maskPii: true,
    locale: actor.locale,
  });
  const heading = actor.locale === 'en' ? `For ${input.recipientLabel}` : `仅供 ${input.recipientLabel}`;
  const blocks = view.records.map((record) =>
    record.fields
      .filter((f) => f.text !== '')
      .map((f) => `${f.title}: ${f.text}`)
      .join('\n'),
  );
  await services.store.appendAudit({
    actor: actor.userId,
    action: 'share.copy-text',
    target: input.templateId,
    details: { templateId: input.templateId, records: input.recordIds, fields: input.fields },
  });
  return { text: [heading, ...blocks].join('\n\n') };
}
