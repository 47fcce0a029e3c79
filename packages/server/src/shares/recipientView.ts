import {
  type CompiledPolicy,
  compileExportRow,
  compilePolicy,
  detectPii,
  exportCellText,
  maskText,
  planShare,
  shareRecipientPolicy,
  shareRecipientViewer,
} from '@veil/policy';
import { parseTemplate, type SanitizedTemplate } from '@veil/schema';
import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';

/** What the recipient of a share sees: per record, each picked field's title and text. */
export interface RecipientView {
  records: { fields: { field: string; title: string; text: string; treatment: 'clear' | 'masked' }[] }[];
  /** Free text in the view where PII was found (kinds only), before masking it. */
  pii: { record: number; field: string; title: string; kinds: string[] }[];
}

const compiledCache = new Map<string, { template: SanitizedTemplate; compiled: CompiledPolicy }>();

/** The template compiled for share recipients (parsed against the policy with the recipient role). */
async function recipientPolicyOf(services: Services, templateId: string, locale: 'zh-CN' | 'en') {
  const loaded = await services.policies.load(templateId);
  const policy = shareRecipientPolicy(await services.policies.workspacePolicy());
  const key = `${loaded.doc.id}#${policy.version}#${locale}`;
  let hit = compiledCache.get(key);
  if (!hit) {
    const parsed = parseTemplate(loaded.doc.template, policy);
    if (parsed.status !== 'ok')
      throw new VeilError('template-invalid', 'This template does not parse for sharing.');
    const compiled = compilePolicy(parsed.template, policy, { keys: services.keyring, locale });
    hit = { template: parsed.template, compiled };
    if (compiledCache.size > 50) compiledCache.clear();
    compiledCache.set(key, hit);
  }
  return hit;
}

/**
 * Plans and renders a share for its recipient — a principal of kind `external` with no relation
 * to the records — restricted to the picked fields. A picked field the recipient may not see
 * refuses the whole share (naming the field), so the sharer never believes more was sent.
 */
export async function renderRecipientView(
  services: Services,
  input: {
    templateId: string;
    recordIds: string[];
    fields: string[];
    shareId: string;
    label: string;
    purpose: string;
    maskPii: boolean;
    locale: 'zh-CN' | 'en';
  },
): Promise<RecipientView> {
  const { template, compiled } = await recipientPolicyOf(services, input.templateId, input.locale);
  const viewer = shareRecipientViewer(input.shareId, input.label);
  const plan = planShare(compiled, viewer, {
    fields: input.fields,
    shareId: input.shareId,
    purpose: input.purpose,
    at: services.now().toISOString(),
  });
  const titleOf = (path: string) => {
    const field = template.fields.find((f) => f.path === path);
    return field?.i18n?.[input.locale]?.title ?? field?.title ?? path;
  };
  if (plan.refused.length > 0) {
    throw new VeilError(
      'forbidden',
      `The recipient may not see these fields; remove them from the share: ${plan.refused.map((r) => titleOf(r.field)).join(', ')}.`,
      {
        issues: plan.refused.map((r) => ({
          path: r.field,
          code: r.reason,
          message: 'Not visible to a share recipient.',
        })),
      },
    );
  }
  const rowOf = compileExportRow(template, plan.plan, {
    locale: input.locale,
    hashToken: (value) => services.keyring.hashToken(value),
  });
  const view: RecipientView = { records: [], pii: [] };
  for (const id of input.recordIds) {
    const record = await services.store.getRecord(input.templateId, id);
    const projected = record ? compiled.projectRecord(record, viewer) : null;
    if (!projected) throw new VeilError('not-found', 'No such record.');
    const values = rowOf(projected);
    const fields = plan.shown.map((shown, i) => {
      let text = exportCellText(values[i]);
      // A masked cell is already masked by policy; only text shown in clear is scanned.
      const spans = shown.treatment === 'clear' ? detectPii(text) : [];
      if (spans.length > 0) {
        view.pii.push({
          record: view.records.length,
          field: shown.field,
          title: titleOf(shown.field),
          kinds: [...new Set(spans.map((s) => s.type))],
        });
        if (input.maskPii) text = maskText(text, spans);
      }
      return { field: shown.field, title: titleOf(shown.field), text, treatment: shown.treatment };
    });
    view.records.push({ fields });
  }
  return view;
}
