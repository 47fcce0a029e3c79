import type { RecordFilter, RecordSearch } from '../store.js';
import { ordered, sameJson } from './compareValues.js';
import { type QueryRow, rowText, rowValues } from './queryRow.js';

function equalsOrHolds(value: unknown, target: unknown): boolean {
  return sameJson(value, target) || (Array.isArray(value) && value.some((item) => sameJson(item, target)));
}

function valueMatches(value: unknown, filter: RecordFilter): boolean {
  const target = filter.value;
  switch (filter.op) {
    case 'eq':
      return equalsOrHolds(value, target);
    case 'in':
      return Array.isArray(target) && target.some((t) => equalsOrHolds(value, t));
    case 'lt': {
      const c = ordered(value, target);
      return c !== undefined && c < 0;
    }
    case 'lte': {
      const c = ordered(value, target);
      return c !== undefined && c <= 0;
    }
    case 'gt': {
      const c = ordered(value, target);
      return c !== undefined && c > 0;
    }
    case 'gte': {
      const c = ordered(value, target);
      return c !== undefined && c >= 0;
    }
    case 'contains':
      if (typeof value === 'string' && typeof target === 'string')
        return value.toLowerCase().includes(target.toLowerCase());
      return Array.isArray(value) && value.some((item) => sameJson(item, target));
    case 'neq':
    case 'exists':
      return true;
  }
}

/** Whether a row passes one filter. `neq`: no value equals (a missing value is "not equal"). */
export function rowMatchesFilter(row: QueryRow, filter: RecordFilter): boolean {
  const values = rowValues(row, filter.field);
  switch (filter.op) {
    case 'exists':
      return (filter.value === false) === (values.length === 0);
    case 'neq':
      return !values.some((value) => equalsOrHolds(value, filter.value));
    default:
      return values.some((value) => valueMatches(value, filter));
  }
}

/** Case-insensitive substring search: some value of some field contains the text. */
export function rowMatchesSearch(
  row: QueryRow,
  search: { needle: string; fields: readonly string[] },
): boolean {
  for (const field of search.fields) {
    for (const text of rowText(row, field)) if (text.includes(search.needle)) return true;
  }
  return false;
}

/** The search as the runner uses it (the needle lower-cased once). */
export function prepareSearch(
  search: RecordSearch | undefined,
): { needle: string; fields: string[] } | undefined {
  if (search === undefined) return undefined;
  return { needle: search.text.toLowerCase(), fields: search.fields };
}
