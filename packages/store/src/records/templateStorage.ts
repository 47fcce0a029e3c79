import type { SanitizedTemplate } from '@veil/schema';
import type { TemplateStorage } from '../store.js';

/** The stored form of `TemplateStorage` (a document with the template id as id). */
export type StorageDoc = TemplateStorage & { id: string };

/**
 * How to keep a template version's records, given what was kept for the previous one: a field
 * keeps its identity (the version that introduced it) while it stays in the template; a field
 * that is removed and added again later is a new field. Encryption is sticky: a path once
 * encrypted stays encrypted at rest (decision 170).
 */
export function storageOf(template: SanitizedTemplate, before: StorageDoc | undefined): StorageDoc {
  const leaves = template.fields.filter((f) => f.leaf);
  const encrypted = leaves.filter((f) => f.privacy.encrypt).map((f) => f.path);
  const fields: Record<string, number> = {};
  for (const { path } of leaves) {
    // A store written before field identities were kept: its current fields date from version 1.
    const legacy = before !== undefined && before.fields === undefined ? 1 : undefined;
    fields[path] = before?.fields?.[path] ?? legacy ?? template.version;
  }
  const everEncrypted = [...new Set([...(before?.everEncrypted ?? before?.encrypted ?? []), ...encrypted])];
  return {
    id: template.id,
    templateId: template.id,
    version: template.version,
    owner: template.owner,
    encrypted,
    exact: leaves.filter((f) => f.privacy.search === 'exact').map((f) => f.path),
    fields,
    everEncrypted,
    // A store-only caller may hand in a template without `subject`.
    ...((template.subject ?? []).length > 0 ? { recordKeys: true } : {}),
  };
}
