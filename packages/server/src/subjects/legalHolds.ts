import type { LegalHoldDoc } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';
import type { SubjectSearch } from './findSubject.js';
import { subjectMessage } from './subjectMessages.js';

/** Active holds covering the person or any record they were found in (decision 291). */
export async function holdsCovering(services: Services, search: SubjectSearch): Promise<LegalHoldDoc[]> {
  const records = new Set(search.hits.map((h) => `${h.templateId}\n${h.recordId}`));
  return (await services.store.listDocs('legalHolds', { active: true })).filter(
    (hold) =>
      hold.subjectRef === search.subjectRef ||
      hold.records.some((r) => records.has(`${r.templateId}\n${r.recordId}`)),
  );
}

/** Places a legal hold on a person (and the records they are found in now), with a reason. */
export async function placeHold(
  services: Services,
  search: SubjectSearch,
  options: { actor: string; reason: string },
): Promise<LegalHoldDoc> {
  const reasonNoteId = await services.store.putNote(options.reason);
  const hold: LegalHoldDoc = {
    id: `hold_${services.newId()}`,
    subjectRef: search.subjectRef,
    records: search.hits.map((h) => ({ templateId: h.templateId, recordId: h.recordId })),
    reasonNoteId,
    active: true,
    createdAt: services.now().toISOString(),
    createdBy: options.actor,
  };
  await services.store.putDoc('legalHolds', hold, {
    actor: options.actor,
    action: 'subject.hold',
    target: hold.id,
    details: { records: hold.records.length, reasonNoteId },
  });
  return hold;
}

export async function releaseHold(
  services: Services,
  options: { actor: string; holdId: string; locale: 'zh-CN' | 'en' },
): Promise<LegalHoldDoc> {
  const hold = await services.store.getDoc('legalHolds', options.holdId);
  if (hold === undefined || !hold.active)
    throw new VeilError('not-found', subjectMessage('noHold', options.locale));
  const released: LegalHoldDoc = {
    ...hold,
    active: false,
    releasedAt: services.now().toISOString(),
    releasedBy: options.actor,
  };
  await services.store.putDoc('legalHolds', released, {
    actor: options.actor,
    action: 'subject.hold.release',
    target: hold.id,
    details: { records: hold.records.length },
  });
  return released;
}

/** The active holds, newest first, with their reasons (for compliance). */
export async function listHolds(services: Services) {
  const holds = await services.store.listDocs('legalHolds', { active: true });
  const out = [];
  for (const hold of holds.sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
    out.push({
      id: hold.id,
      createdAt: hold.createdAt,
      createdBy: hold.createdBy,
      records: hold.records.length,
      reason: (await services.store.getNote(hold.reasonNoteId)) ?? '',
    });
  }
  return out;
}
