import type { ConsentDoc } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';
import { wholeValueFields } from '../subjects/findSubject.js';

export const CONSENT_CHANNELS = ['paper', 'web-form', 'phone', 'wechat'] as const;

export interface ConsentInput {
  /** A whole identifying value of the person (phone, e-mail, ID number). */
  value: string;
  purpose: string;
  granted: boolean;
  channel: (typeof CONSENT_CHANNELS)[number];
  wordingVersion: string;
  /** A reference to the evidence (a scan's file name, a form id); stored as an erasable note. */
  evidence?: string | undefined;
}

const UNKNOWN_PURPOSE = {
  en: "This purpose is not one of the workspace's purposes.",
  'zh-CN': '此目的不是工作区定义的处理目的之一。',
} as const;

/**
 * Records a person's consent to — or withdrawal from — one purpose (PIPL Art. 14–16, GDPR Art.
 * 7): who recorded it, when, through which channel, under which wording, with what evidence.
 * Every change is a new document, so the history proves what held when; the latest one counts.
 */
export async function recordConsent(
  services: Services,
  input: ConsentInput,
  options: { actor: string; locale: 'zh-CN' | 'en' },
): Promise<ConsentDoc> {
  const policy = await services.policies.workspacePolicy();
  if (!policy.purposes.some((p) => p.id === input.purpose))
    throw new VeilError('invalid-input', UNKNOWN_PURPOSE[options.locale], {
      issues: [{ path: '/purpose', code: 'purpose-unknown', message: UNKNOWN_PURPOSE[options.locale] }],
    });
  const { subjectRef } = await wholeValueFields(services, input.value, options.locale);
  const doc: ConsentDoc = {
    id: `consent_${services.newId()}`,
    subjectRef,
    purpose: input.purpose,
    granted: input.granted,
    at: services.now().toISOString(),
    recordedBy: options.actor,
    channel: input.channel,
    wordingVersion: input.wordingVersion,
  };
  if (input.evidence !== undefined && input.evidence !== '')
    doc.evidenceNoteId = await services.store.putNote(input.evidence);
  await services.store.putDoc('consents', doc, {
    actor: options.actor,
    action: input.granted ? 'consent.record' : 'consent.withdraw',
    target: doc.id,
    details: { purpose: doc.purpose, channel: input.channel, wordingVersion: input.wordingVersion },
  });
  return doc;
}

/** A person's consent history, newest first (no evidence text). */
export async function listConsents(services: Services, value: string, locale: 'zh-CN' | 'en') {
  const { subjectRef } = await wholeValueFields(services, value, locale);
  return (await services.store.listDocs('consents', { subjectRef }))
    .sort((a, b) => b.at.localeCompare(a.at))
    .map(({ id, purpose, granted, at, recordedBy, channel, wordingVersion }) => ({
      id,
      purpose,
      granted,
      at,
      recordedBy,
      channel: channel ?? null,
      wordingVersion: wordingVersion ?? null,
    }));
}

/** Whether the latest consent of any of the people for the purpose grants it. */
export async function hasConsent(
  services: Services,
  subjectRefs: string[],
  purpose: string,
): Promise<boolean> {
  for (const subjectRef of subjectRefs) {
    const docs = await services.store.listDocs('consents', { subjectRef, purpose });
    const latest = docs.sort((a, b) => b.at.localeCompare(a.at))[0];
    if (latest?.granted === true) return true;
  }
  return false;
}
