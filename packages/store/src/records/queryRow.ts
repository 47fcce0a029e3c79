import type { VeilRecord } from '@veil/policy';
import { pointerSegments, valuesAt } from './schemaPaths.js';

/** A record as the query runner sees it: plaintext plus its blind indexes. */
export interface QueryRow {
  record: VeilRecord;
  /** Schema path → blind indexes of its values. */
  blind: Readonly<Record<string, readonly string[]>>;
  /**
   * Values at schema paths, filled in by queries (sort keys, filter fields). A row is replaced,
   * never edited, when its record changes, so the cache never goes stale.
   */
  cache?: Map<string, unknown[]>;
  /** Lower-cased searchable text at schema paths, filled in by searches. */
  text?: Map<string, string[]>;
}

const segmentCache = new Map<string, string[]>();
function segmentsOf(path: string): string[] {
  let segments = segmentCache.get(path);
  if (segments === undefined) {
    segments = pointerSegments(path);
    if (segmentCache.size > 10_000) segmentCache.clear();
    segmentCache.set(path, segments);
  }
  return segments;
}

/** Every present value of the row at a schema path, computed once per row and path. */
export function rowValues(row: QueryRow, path: string): unknown[] {
  let cache = row.cache;
  if (cache === undefined) {
    cache = new Map();
    row.cache = cache;
  }
  let values = cache.get(path);
  if (values === undefined) {
    values = valuesAt(row.record.data, segmentsOf(path));
    cache.set(path, values);
  }
  return values;
}

/** The row's strings and numbers at a path, lower-cased, computed once per row and path. */
export function rowText(row: QueryRow, path: string): string[] {
  let text = row.text;
  if (text === undefined) {
    text = new Map();
    row.text = text;
  }
  let values = text.get(path);
  if (values === undefined) {
    values = [];
    for (const value of rowValues(row, path)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string') values.push(item.toLowerCase());
        else if (typeof item === 'number') values.push(String(item));
      }
    }
    text.set(path, values);
  }
  return values;
}
