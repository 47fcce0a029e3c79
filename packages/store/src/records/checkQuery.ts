import { type RecordQuery, StoreError, type TemplateStorage } from '../store.js';

/**
 * Refuses what no adapter can answer without decrypting: filters, sorts, searches and groups on
 * encrypted fields (they match only whole, through their blind index), and matches on fields
 * without a blind index. A restricted scope needs the registered owner field.
 */
export function checkQuery(query: RecordQuery, storage: TemplateStorage | undefined): void {
  const encrypted = new Set(storage?.everEncrypted ?? storage?.encrypted ?? []);
  const used: [string, string][] = [
    ...(query.filters ?? []).map((f): [string, string] => [f.field, 'filter']),
    ...(query.sort ?? []).map((s): [string, string] => [s.field, 'sort']),
    ...(query.search?.fields ?? []).map((f): [string, string] => [f, 'search']),
    ...(query.groupBy === undefined ? [] : [[query.groupBy, 'group'] as [string, string]]),
  ];
  for (const [field, clause] of used) {
    if (encrypted.has(field)) {
      throw new StoreError(
        'INVALID',
        `Field ${field} is encrypted at rest: it cannot be used in a ${clause}, only matched whole.`,
      );
    }
  }
  if (storage !== undefined) {
    const exact = new Set(storage.exact);
    for (const match of query.match ?? []) {
      if (!exact.has(match.field))
        throw new StoreError('INVALID', `Field ${match.field} has no blind index to match on.`);
    }
  }
  if (query.scope !== undefined && query.scope.kind !== 'all' && storage === undefined) {
    throw new StoreError('INVALID', 'A restricted scope needs a registered template (its owner pointer).');
  }
}
