import type { SanitizedField } from '@veil/schema';
import { FORMAT_VALIDATORS } from '@veil/schema';
import { normalizeExact, type Store } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import type { LoadedTemplate } from '../services/policyRegistry.js';
import type { Services } from '../services/services.js';
import { subjectMessage } from './subjectMessages.js';

/** Where a person was found: one record, and the array items (by `_id`) that hold them, if any. */
export interface SubjectHit {
  templateId: string;
  templateVersion: number;
  recordId: string;
  /** Schema paths of the subject fields that matched. */
  fields: string[];
  /** `_id`s of the array items holding the person; empty when the record itself is about them. */
  items: string[];
  /** Schema path of the array whose items hold the person (`/contacts`), or `''` for the record. */
  itemsPath: string;
}

export interface SubjectSearch {
  /** A keyed reference of the normalised value (its blind index): how holds and consents name the person. */
  subjectRef: string;
  hits: SubjectHit[];
}

const LOOKS_NUMERIC = /^[+\d][\d\s\-()]*[\dXx]$/;

/** The latest published version of every template. */
export async function publishedTemplates(services: Services): Promise<LoadedTemplate[]> {
  const latest = new Map<string, number>();
  for (const doc of await services.store.listDocs('templates'))
    latest.set(doc.templateId, Math.max(latest.get(doc.templateId) ?? 0, doc.version));
  const out: LoadedTemplate[] = [];
  for (const [id, version] of latest) out.push(await services.policies.load(id, version));
  return out;
}

/** A template's searchable subject fields: `subject` pointers with `search: exact`. */
function subjectFields(loaded: LoadedTemplate): SanitizedField[] {
  const { sanitized } = loaded;
  return sanitized.fields.filter(
    (f) => f.leaf && f.privacy.search === 'exact' && sanitized.subject.includes(f.path),
  );
}

/** Whether a whole value fits a field: its format when it has one; free values never look numeric. */
function fits(field: SanitizedField, value: string): boolean {
  const validate = field.format === undefined ? undefined : FORMAT_VALIDATORS[field.format];
  if (validate !== undefined) return validate(value);
  return !LOOKS_NUMERIC.test(value) && !value.includes('@');
}

/** The array holding the items of a subject path (`/contacts/*\/mobile` → `/contacts`), or `''`. */
function arrayOf(path: string): string {
  const star = path.lastIndexOf('/*');
  return star < 0 ? '' : path.slice(0, star);
}

/** Item `_id`s under `itemsPath` whose field at `path` equals the normalised value. */
function matchingItems(data: Record<string, unknown>, path: string, normalized: string): string[] {
  const segments = path.split('/').slice(1);
  const star = segments.indexOf('*');
  let items: unknown = data;
  for (const segment of segments.slice(0, star))
    items = (items as Record<string, unknown> | undefined)?.[segment];
  if (!Array.isArray(items)) return [];
  const rest = segments.slice(star + 1);
  const out: string[] = [];
  for (const item of items) {
    let value: unknown = item;
    for (const segment of rest) value = (value as Record<string, unknown> | undefined)?.[segment];
    const id = (item as { _id?: unknown })._id;
    if ((typeof value === 'string' || typeof value === 'number') && typeof id === 'string')
      if (normalizeExact(String(value)) === normalized) out.push(id);
  }
  return out;
}

async function matchIn(store: Store, loaded: LoadedTemplate, field: SanitizedField, normalized: string) {
  const page = await store.queryRecords(loaded.sanitized.id, {
    match: [{ field: field.path, value: normalized }],
    scope: { kind: 'all' },
    limit: 1000,
  });
  return page.records;
}

/**
 * The subject fields a whole value fits (its format), across the published templates; a part of
 * a number or an address fits none and is refused with a localized message.
 */
export async function wholeValueFields(services: Services, value: string, locale: 'zh-CN' | 'en') {
  const normalized = normalizeExact(value);
  const templates = await publishedTemplates(services);
  const candidates = templates.flatMap((loaded) =>
    subjectFields(loaded)
      .filter((field) => fits(field, normalized))
      .map((field) => ({ loaded, field })),
  );
  if (candidates.length === 0) {
    const any = templates.some((loaded) => subjectFields(loaded).length > 0);
    throw new VeilError('invalid-input', subjectMessage(any ? 'partial' : 'noSubjectFields', locale), {
      issues: [{ path: '/value', code: 'not-whole', message: subjectMessage('partial', locale) }],
    });
  }
  return { normalized, candidates, subjectRef: subjectRefOf(services, normalized) };
}

/** The keyed reference of a person named by a normalised identifying value. */
export function subjectRefOf(services: Pick<Services, 'keyring'>, normalized: string): string {
  return services.keyring.blindIndex('subject', normalized);
}

/**
 * Everything held about a person, found through the templates' subject fields and their blind
 * indexes: a whole phone number, e-mail or ID typed in full, never a part of one (refused). The
 * answer names records and items only — no value leaves the server.
 */
export async function findSubject(
  services: Services,
  value: string,
  locale: 'zh-CN' | 'en',
): Promise<SubjectSearch> {
  const { normalized, candidates } = await wholeValueFields(services, value, locale);
  const hits = new Map<string, SubjectHit>();
  for (const { loaded, field } of candidates) {
    for (const record of await matchIn(services.store, loaded, field, normalized)) {
      const key = `${record.templateId}\n${record.id}`;
      const itemsPath = arrayOf(field.path);
      const hit = hits.get(key) ?? {
        templateId: record.templateId,
        templateVersion: loaded.doc.version,
        recordId: record.id,
        fields: [],
        items: [],
        itemsPath,
      };
      hit.fields.push(field.path);
      if (itemsPath !== '' && hit.itemsPath === itemsPath)
        for (const id of matchingItems(record.data, field.path, normalized))
          if (!hit.items.includes(id)) hit.items.push(id);
      if (itemsPath === '') hit.itemsPath = '';
      hits.set(key, hit);
    }
  }
  return {
    subjectRef: subjectRefOf(services, normalized),
    hits: [...hits.values()].map((hit) => (hit.itemsPath === '' ? { ...hit, items: [] } : hit)),
  };
}
