import type { SanitizedField } from '@veil/schema';
import type { Services } from '../services/services.js';
import type { SubjectHit, SubjectSearch } from './findSubject.js';
import { publishedTemplates } from './findSubject.js';
import { holdsCovering } from './legalHolds.js';

/** Whether the record holds a value at a schema path (inside `items` only, when given). */
function holds(data: unknown, segments: readonly string[], items: readonly string[] | null): boolean {
  if (segments.length === 0) return data !== undefined && data !== null && data !== '';
  if (data === null || typeof data !== 'object') return false;
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '*') {
    if (!Array.isArray(data)) return false;
    return data.some(
      (item) =>
        (items === null || items.includes((item as { _id?: string })._id ?? '')) && holds(item, rest, null),
    );
  }
  return holds((data as Record<string, unknown>)[head], rest, items);
}

function fieldsAbout(fields: SanitizedField[], hit: SubjectHit, data: Record<string, unknown>) {
  const prefix = hit.itemsPath === '' ? '' : `${hit.itemsPath}/*/`;
  return fields.filter(
    (f) =>
      f.leaf && f.path.startsWith(prefix) && holds(data, f.segments, hit.itemsPath === '' ? null : hit.items),
  );
}

const text = (title: string, i18n: Record<string, { title?: string }> | undefined, locale: string) =>
  i18n?.[locale]?.title ?? title;

/**
 * The access report (GDPR Art. 15, PIPL Art. 44–45): for every record the person is found in,
 * which fields are held about them with category, purpose, basis and retention, and who read
 * those fields (from the read sets beside the audit log, never a scan of the log). It names
 * fields, never their values: the compliance officer answering the request sees no more than
 * their own access allows. The request is recorded and audited.
 */
export async function reportSubject(
  services: Services,
  search: SubjectSearch,
  options: { actor: string; locale: 'zh-CN' | 'en' },
) {
  const { store } = services;
  const policy = await services.policies.workspacePolicy();
  const purposes = new Map(policy.purposes.map((p) => [p.id, text(p.title, p.i18n, options.locale)]));
  const byId = new Map((await publishedTemplates(services)).map((t) => [t.sanitized.id, t]));
  const records = [];
  for (const hit of search.hits) {
    const loaded = byId.get(hit.templateId);
    const record = await store.getRecord(hit.templateId, hit.recordId);
    if (loaded === undefined || record === undefined) continue;
    const { sanitized } = loaded;
    const fields = fieldsAbout(sanitized.fields, hit, record.data).map((f) => {
      const retention = f.privacy.retention ?? sanitized.retention;
      return {
        path: f.path,
        title: text(f.title, f.i18n, options.locale),
        level: f.privacy.level,
        categories: f.privacy.categories,
        purpose: f.privacy.purpose ?? null,
        purposeTitle: f.privacy.purpose === undefined ? null : (purposes.get(f.privacy.purpose) ?? null),
        basis: f.privacy.basis ?? null,
        retention: retention ?? null,
        export: f.privacy.export,
      };
    });
    const paths = new Set(fields.map((f) => f.path));
    const reads = (await store.listReadSets({ templateId: hit.templateId, recordId: hit.recordId }))
      .map((set) => ({
        actor: set.actor,
        at: set.at,
        fields: (set.records.find((r) => r.id === hit.recordId)?.fields ?? [])
          .filter((f) => paths.has(f.path))
          .map((f) => ({ path: f.path, access: f.access })),
      }))
      .filter((read) => read.fields.length > 0);
    // Who read, by name (a user's display name; the id when the user is gone), once per user.
    const names = new Map<string, string>();
    for (const actor of new Set(reads.map((r) => r.actor)))
      names.set(actor, (await store.getDoc('users', actor))?.name ?? actor);
    records.push({
      templateId: hit.templateId,
      templateTitle: text(sanitized.title, sanitized.i18n, options.locale),
      recordId: hit.recordId,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      versions: (await store.listRecordVersions(hit.templateId, hit.recordId)).length,
      items: hit.items.length,
      fields,
      reads: reads.map((read) => ({ ...read, actorName: names.get(read.actor) ?? read.actor })),
    });
  }
  const holds = (await holdsCovering(services, search)).map((h) => ({ id: h.id, createdAt: h.createdAt }));
  const consents = (await store.listDocs('consents', { subjectRef: search.subjectRef })).map((c) => ({
    purpose: c.purpose,
    granted: c.granted,
    at: c.at,
  }));
  const now = services.now().toISOString();
  const requestId = `sr_${services.newId()}`;
  await store.putDoc(
    'subjectRequests',
    {
      id: requestId,
      kind: 'access',
      subjectRef: search.subjectRef,
      status: 'done',
      createdAt: now,
      createdBy: options.actor,
      closedAt: now,
      meta: { records: records.length },
    },
    {
      actor: options.actor,
      action: 'subject.access',
      target: requestId,
      details: { records: records.length, templates: new Set(records.map((r) => r.templateId)).size },
    },
  );
  return { requestId, generatedAt: now, records, holds, consents };
}
