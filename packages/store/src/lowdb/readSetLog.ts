import { type ReadSetDoc, StoreError } from '../store.js';

/**
 * Read sets in an append-only JSON-lines file (`readsets.jsonl`): a read appends one line, so a
 * list never rewrites what earlier reads stored; erasure rewrites the file (rare). Indexed by
 * template and record, so "who read this record" never scans them all. Lines are appended in
 * the commit that also holds the audit entry (the WAL covers both until it is cut).
 */
export class ReadSetLog {
  readonly #docs = new Map<string, ReadSetDoc>();
  readonly #byRecord = new Map<string, Map<string, ReadSetDoc>>();

  /** Loads the file's complete lines (a torn last line is left to the WAL replay). */
  load(bytes: Buffer | undefined, where: string): void {
    this.#docs.clear();
    this.#byRecord.clear();
    if (bytes === undefined || bytes.length === 0) return;
    const lines = bytes.toString('utf8').split('\n');
    lines.pop();
    for (const [index, line] of lines.entries()) {
      if (line === '') continue;
      let doc: ReadSetDoc;
      try {
        doc = JSON.parse(line) as ReadSetDoc;
      } catch {
        throw new StoreError('CORRUPT', `Line ${index + 1} of ${where} is damaged.`);
      }
      this.add(doc);
    }
  }

  has(id: string): boolean {
    return this.#docs.has(id);
  }

  add(doc: ReadSetDoc): void {
    this.remove(doc.id);
    this.#docs.set(doc.id, doc);
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

  remove(id: string): void {
    const doc = this.#docs.get(id);
    if (doc === undefined) return;
    this.#docs.delete(id);
    for (const record of doc.records) this.#byRecord.get(`${doc.templateId}\n${record.id}`)?.delete(id);
  }

  /** Every read set, in the order they were added. */
  all(): ReadSetDoc[] {
    return [...this.#docs.values()];
  }

  replaceAll(docs: readonly ReadSetDoc[]): void {
    this.#docs.clear();
    this.#byRecord.clear();
    for (const doc of docs) this.add(doc);
  }

  /** The file's content for these read sets. */
  static lines(docs: readonly ReadSetDoc[]): string {
    return docs.map((doc) => `${JSON.stringify(doc)}\n`).join('');
  }

  /** Read sets that include the record, oldest first (by time, then id). */
  list(templateId: string, recordId: string): ReadSetDoc[] {
    return [...(this.#byRecord.get(`${templateId}\n${recordId}`)?.values() ?? [])].sort((a, b) =>
      a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  }
}
