import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';

/** What a sharer asks for. */
export interface ShareInput {
  templateId: string;
  recordIds: string[];
  fields: string[];
  recipientLabel: string;
  purpose: string;
  /** Mask PII found in free text (default true). */
  maskPii?: boolean;
}

/** Most records one share may show. */
export const MAX_SHARE_RECORDS = 20;

/** Refuses records outside the sharer's scope (as NOT_FOUND) and a purpose the workspace lacks. */
export async function assertShareable(
  services: Services,
  sharer: { principal: import('@veil/policy').Principal; locale: 'zh-CN' | 'en' },
  input: ShareInput,
): Promise<void> {
  const policy = await services.policies.workspacePolicy();
  if (!policy.purposes.some((p) => p.id === input.purpose))
    throw new VeilError('invalid-input', 'Choose a purpose from the workspace’s purposes.');
  const loaded = await services.policies.load(input.templateId);
  const viewer = await services.policies.viewerFor(sharer.principal);
  const compiled = loaded.policyFor(sharer.locale);
  for (const id of input.recordIds) {
    const record = await services.store.getRecord(input.templateId, id);
    if (!record || compiled.relationOf(record, viewer) === null)
      throw new VeilError('not-found', 'No such record.');
  }
}
