import type { SortKey } from '@veil/schema';
import { CountIndex } from './countIndex.js';
import type { QueryRow } from './queryRow.js';
import { SortIndex } from './sortIndex.js';

/** Indexes of each kind kept per table; the least recently used one is dropped beyond this. */
const MAX_INDEXES = 8;

/**
 * A template's plaintext rows by id, with the indexes queries built on them kept up to date on
 * every `set` and `delete`: sort orders (a page reads from its start) and counts per owner and
 * value (totals and groups without a pass over every row). Indexes are built on a query's first
 * use and dropped, least recently used first, beyond `MAX_INDEXES` of each kind.
 */
export class RowTable extends Map<string, QueryRow> {
  readonly #sorts = new Map<string, SortIndex>();
  readonly #counts = new Map<string, CountIndex>();
  /** Ids by blind index (`field\nindex`), always kept: a whole-value match never scans. */
  readonly #blind = new Map<string, Set<string>>();

  #blindKeys(row: QueryRow): string[] {
    return Object.entries(row.blind).flatMap(([field, indexes]) => indexes.map((i) => `${field}\n${i}`));
  }

  #unindex(id: string, row: QueryRow): void {
    for (const key of this.#blindKeys(row)) {
      const ids = this.#blind.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.#blind.delete(key);
    }
  }

  /** The rows whose blind index of `field` is `index`. */
  matching(field: string, index: string): QueryRow[] {
    return [...(this.#blind.get(`${field}\n${index}`) ?? [])].map((id) => super.get(id) as QueryRow);
  }

  override set(id: string, row: QueryRow): this {
    const old = super.get(id);
    if (old !== undefined) this.#unindex(id, old);
    for (const key of this.#blindKeys(row)) {
      const ids = this.#blind.get(key);
      if (ids === undefined) this.#blind.set(key, new Set([id]));
      else ids.add(id);
    }
    for (const index of this.#sorts.values()) {
      if (old !== undefined) index.remove(old);
      index.add(row);
    }
    for (const index of this.#counts.values()) {
      if (old !== undefined) index.add(old, -1);
      index.add(row, 1);
    }
    return super.set(id, row);
  }

  override delete(id: string): boolean {
    const old = super.get(id);
    if (old === undefined) return false;
    this.#unindex(id, old);
    for (const index of this.#sorts.values()) index.remove(old);
    for (const index of this.#counts.values()) index.add(old, -1);
    return super.delete(id);
  }

  override clear(): void {
    this.#sorts.clear();
    this.#counts.clear();
    this.#blind.clear();
    super.clear();
  }

  /** The rows in `sort` order (ties by id), built on first use. */
  sorted(sort: readonly SortKey[]): SortIndex {
    const key = JSON.stringify(sort);
    return recent(this.#sorts, key, () => new SortIndex(sort, super.values()));
  }

  /** Rows counted per owner and per value at `path` (`undefined`: per owner only). */
  counts(path: string | undefined, ownerPath: string | undefined): CountIndex {
    const key = JSON.stringify([path ?? null, ownerPath ?? null]);
    return recent(this.#counts, key, () => new CountIndex(path, ownerPath, super.values()));
  }
}

/** The entry under `key` (made if absent), marked most recently used; the oldest dropped. */
function recent<T>(indexes: Map<string, T>, key: string, make: () => T): T {
  let index = indexes.get(key);
  if (index !== undefined) indexes.delete(key);
  else index = make();
  indexes.set(key, index);
  if (indexes.size > MAX_INDEXES) indexes.delete(indexes.keys().next().value as string);
  return index;
}
