import type { FieldChange } from '@veil/policy';
import { parsePointer } from '@veil/schema';
import { normalizeExact } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import type { Scene } from '../records/recordScene.js';
import { subjectRefOf } from '../subjects/findSubject.js';
import { hasConsent } from './recordConsent.js';

const REFUSED = {
  en: (field: string, purpose: string) =>
    `"${field}" is collected for the purpose "${purpose}", which needs the person's consent: record their consent first (compliance), then save again.`,
  'zh-CN': (field: string, purpose: string) =>
    `"${field}"用于"${purpose}"目的，需要本人同意：请先由合规人员登记其同意，再保存。`,
} as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The schema path of a value pointer (array item ids become `*`) and the item it lies in, if any. */
function locate(data: Record<string, unknown>, pointer: string) {
  const segments = parsePointer(pointer) ?? [];
  const path: string[] = [];
  let cursor: unknown = data;
  let item: { arrayPath: string; item: Record<string, unknown> } | undefined;
  for (const segment of segments) {
    if (Array.isArray(cursor)) {
      const found = cursor.find((c) => isObject(c) && c._id === segment);
      if (isObject(found)) item = { arrayPath: `/${path.join('/')}`, item: found };
      path.push('*');
      cursor = found;
    } else {
      path.push(segment);
      cursor = isObject(cursor) ? cursor[segment] : undefined;
    }
  }
  return { schemaPath: `/${path.join('/')}`, item };
}

/** The person's identifying values for a field: its item's subject values inside arrays, else the record's. */
function subjectValues(
  subject: readonly string[],
  data: Record<string, unknown>,
  item: { arrayPath: string; item: Record<string, unknown> } | undefined,
): string[] {
  const out: string[] = [];
  for (const path of subject) {
    const inItem = item !== undefined && path.startsWith(`${item.arrayPath}/*/`);
    const rest = inItem ? path.slice(item.arrayPath.length + 3).split('/') : path.slice(1).split('/');
    if (!inItem && rest.includes('*')) continue;
    let value: unknown = inItem ? item.item : data;
    for (const segment of rest) value = isObject(value) ? value[segment] : undefined;
    if (typeof value === 'string' || typeof value === 'number') out.push(normalizeExact(String(value)));
  }
  return out;
}

/**
 * `requireConsent`: a write of a field whose purpose needs consent is refused — by the field's
 * title and the purpose's title, localized — unless the person it is about has consent for it.
 * Clearing a value needs no consent.
 */
export async function checkConsent(
  scene: Scene,
  data: Record<string, unknown>,
  changes: readonly FieldChange[],
) {
  const { sanitized } = scene.loaded;
  const required = new Set(sanitized.requireConsent ?? []);
  if (required.size === 0) return;
  const { purposes } = scene.policy.policy;
  for (const change of changes) {
    if (change.value === null || change.value === undefined) continue;
    const { schemaPath, item } = locate(data, change.pointer);
    const field = sanitized.fields.find((f) => f.path === schemaPath);
    const purpose = field?.privacy.purpose;
    if (field === undefined || purpose === undefined || !required.has(purpose)) continue;
    const refs = subjectValues(sanitized.subject, data, item).map((v) => subjectRefOf(scene.services, v));
    if (await hasConsent(scene.services, refs, purpose)) continue;
    const definition = purposes.find((p) => p.id === purpose);
    const purposeTitle = definition?.i18n?.[scene.locale]?.title ?? definition?.title ?? purpose;
    const fieldTitle = field.i18n[scene.locale]?.title ?? field.title;
    const message = REFUSED[scene.locale](fieldTitle, purposeTitle);
    throw new VeilError('write-refused', message, {
      issues: [{ path: change.pointer, code: 'consent-required', message }],
    });
  }
}
