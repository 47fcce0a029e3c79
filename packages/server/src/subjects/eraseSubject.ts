import type { VeilRecord } from '@veil/policy';
import { parsePointer } from '@veil/schema';
import type { ShareLinkDoc } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import { endExport, LIVE_EXPORT_STATUSES } from '../exports/expireExports.js';
import { listExports } from '../exports/exportDocs.js';
import type { Services } from '../services/services.js';
import { withStore } from '../services/storeErrors.js';
import type { SubjectHit, SubjectSearch } from './findSubject.js';
import { holdsCovering } from './legalHolds.js';
import { subjectMessage } from './subjectMessages.js';

/** How the requester's identity was checked (audited with the request). */
type IdentityCheck = 'id-document' | 'known-contact' | 'signed-request' | 'other';

/** The record without the person's array items. */
function withoutItems(record: VeilRecord, hit: SubjectHit, now: string): VeilRecord {
  const segments = parsePointer(hit.itemsPath) ?? [];
  const data = structuredClone(record.data);
  let parent: Record<string, unknown> = data;
  for (const segment of segments.slice(0, -1)) parent = (parent[segment] ?? {}) as Record<string, unknown>;
  const last = segments.at(-1) as string;
  const items = parent[last];
  if (Array.isArray(items))
    parent[last] = items.filter((item) => !hit.items.includes((item as { _id?: string })._id ?? ''));
  return { ...record, version: record.version + 1, updatedAt: now, data };
}

/** Erases one record (or the person's items in it) with everything kept beside it. */
async function eraseHit(services: Services, hit: SubjectHit, actor: string): Promise<'record' | 'items'> {
  const { store, keyring } = services;
  const record = await store.getRecord(hit.templateId, hit.recordId);
  if (record === undefined) return 'record';
  const whole = hit.itemsPath === '' || hit.items.length === 0;
  const audit = {
    actor,
    action: whole ? 'subject.erase.record' : 'subject.erase.items',
    target: keyring.auditRef(hit.recordId),
    details: { templateId: hit.templateId, items: hit.items.length },
  };
  const grants = await store.listDocs('revealGrants', { recordId: hit.recordId });
  await withStore(() =>
    store.commit({
      steps: [
        whole
          ? { kind: 'deleteRecord', templateId: hit.templateId, id: hit.recordId, erase: true }
          : {
              kind: 'updateRecord',
              record: withoutItems(record, hit, services.now().toISOString()),
              expectedVersion: record.version,
              supersededBy: actor,
              erase: true,
            },
        ...grants.map((g) => ({ kind: 'deleteDoc' as const, name: 'revealGrants' as const, id: g.id })),
      ],
      audit: [audit],
    }),
  );
  // Reveal reasons are free text that may name the person; read sets name the record.
  for (const grant of grants) await store.eraseNote(grant.reasonId);
  if (whole) await store.eraseFromReadSets({ templateId: hit.templateId, recordId: hit.recordId });
  return whole ? 'record' : 'items';
}

/** Live shares of the records end; live exports holding them are voided (files deleted). */
async function endCopies(services: Services, hits: SubjectHit[], actor: string) {
  const ids = new Set(hits.map((h) => h.recordId));
  let shares = 0;
  for (const link of await services.store.listDocs('shareLinks', { revoked: false })) {
    if (!link.recordIds.some((id) => ids.has(id))) continue;
    const revoked: ShareLinkDoc = { ...link, revoked: true };
    await services.store.putDoc('shareLinks', revoked, {
      actor,
      action: 'share.revoke',
      target: link.id,
      details: { reason: 'subject-erasure' },
    });
    shares += 1;
  }
  let exports = 0;
  for (const doc of await listExports(services.store, {})) {
    if (!LIVE_EXPORT_STATUSES.includes(doc.status)) continue;
    if (!doc.meta.rowIds.some((id) => ids.has(id))) continue;
    await endExport(services, doc, 'void', { actor, reason: 'subject-erasure' });
    exports += 1;
  }
  return { shares, exports };
}

/**
 * Erasure (GDPR Art. 17, PIPL Art. 47): every record about the person is deleted — or, where
 * they are one item among others (a contact of a company), their items are removed — with the
 * record's history, reveal reasons and read-set entries; the record's own key is destroyed, so
 * backups made before can no longer decrypt its encrypted fields (decision 290). Live shares
 * end and live exports are voided. Refused while a legal hold covers the person. Run again, it
 * finishes an interrupted erasure (what is gone is no longer found).
 */
export async function eraseSubject(
  services: Services,
  search: SubjectSearch,
  options: { actor: string; identityCheck: IdentityCheck; locale: 'zh-CN' | 'en' },
) {
  if (search.hits.length === 0) throw new VeilError('not-found', subjectMessage('notFound', options.locale));
  if ((await holdsCovering(services, search)).length > 0)
    throw new VeilError('conflict', subjectMessage('held', options.locale));
  let records = 0;
  let items = 0;
  for (const hit of search.hits) {
    if ((await eraseHit(services, hit, options.actor)) === 'record') records += 1;
    else items += hit.items.length;
  }
  const copies = await endCopies(services, search.hits, options.actor);
  const now = services.now().toISOString();
  const requestId = `sr_${services.newId()}`;
  const summary = { records, items, ...copies };
  await services.store.putDoc(
    'subjectRequests',
    {
      id: requestId,
      kind: 'erasure',
      subjectRef: search.subjectRef,
      status: 'done',
      createdAt: now,
      createdBy: options.actor,
      closedAt: now,
      meta: { ...summary, identityCheck: options.identityCheck },
    },
    {
      actor: options.actor,
      action: 'subject.erase',
      target: requestId,
      details: { ...summary, identityCheck: options.identityCheck },
    },
  );
  return { requestId, erasedAt: now, ...summary };
}
