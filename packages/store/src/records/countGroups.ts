import type { RecordGroup } from '../store.js';
import { type QueryRow, rowValues } from './queryRow.js';

/** Counts rows per distinct value at a path (a row once per value; `null` when it has none). */
export class GroupCounter {
  readonly #path: string;
  readonly #counts = new Map<string, RecordGroup>();
  constructor(path: string) {
    this.#path = path;
  }

  add(row: QueryRow): void {
    const values = rowValues(row, this.#path);
    if (values.length === 0) {
      this.#bump('null', null);
      return;
    }
    if (values.length === 1) {
      const value = values[0];
      this.#bump(typeof value === 'string' ? `s${value}` : JSON.stringify(value), value);
      return;
    }
    const seen = new Set<string>();
    for (const value of values) {
      const key = typeof value === 'string' ? `s${value}` : JSON.stringify(value);
      if (seen.has(key)) continue;
      seen.add(key);
      this.#bump(key, value);
    }
  }

  #bump(key: string, value: unknown): void {
    const group = this.#counts.get(key);
    if (group === undefined) this.#counts.set(key, { value: structuredClone(value), count: 1 });
    else group.count += 1;
  }

  /** Largest first; ties by the value's JSON. */
  groups(): RecordGroup[] {
    return [...this.#counts.entries()]
      .sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([, group]) => group);
  }
}
