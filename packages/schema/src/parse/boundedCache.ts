/** A small least-recently-used map: the parser keeps verdicts that depend only on their key. */
export interface BoundedCache<V> {
  /** The value for `key` (and marks it recently used), or `undefined`. */
  get(key: string): V | undefined;
  /** Stores `value`, dropping the least recently used entry beyond the limit. */
  set(key: string, value: V): void;
  /** How many entries are held (at most the limit). */
  readonly size: number;
}

/** A {@link BoundedCache} of at most `limit` entries (a Map keeps insertion order, so the first key is the oldest). */
export function createBoundedCache<V>(limit: number): BoundedCache<V> {
  const entries = new Map<string, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      while (entries.size > limit) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
