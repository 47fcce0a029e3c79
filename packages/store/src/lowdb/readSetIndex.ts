import type { ReadSetDoc } from '../store.js';

/** Read sets by template and record id, so "who read this record" never scans them all. */
export class ReadSetIndex {
  readonly #byRecord = new Map<string, Map<string, ReadSetDoc>>();

  add(doc: ReadSetDoc): void {
    for (const { id } of doc.records) {
      const key = `${doc.templateId}\n${id}`;
      let docs = this.#byRecord.get(key);
      if (docs === undefined) {
        docs = new Map();
        this.#byRecord.set(key, docs);
      }
      docs.set(doc.id, doc);
    }
  }

  remove(doc: ReadSetDoc): void {
    for (const { id } of doc.records) this.#byRecord.get(`${doc.templateId}\n${id}`)?.delete(doc.id);
  }

  clear(): void {
    this.#byRecord.clear();
  }

  /** Read sets that include the record, oldest first (by time, then id). */
  list(templateId: string, recordId: string): ReadSetDoc[] {
    return [...(this.#byRecord.get(`${templateId}\n${recordId}`)?.values() ?? [])].sort((a, b) =>
      a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  }
}
