import { type QueryRow, rowValues } from './queryRow.js';

/** The count key of a row with no value at the counted path. */
export const MISSING = Symbol('missing');
/** The owner key of a row whose owner field holds no user id. */
const NO_OWNER = Symbol('no-owner');

export type CountKey = string | number | boolean | null | typeof MISSING;
export type OwnerKey = string | typeof NO_OWNER;

function ownerKeyOf(row: QueryRow, ownerPath: string | undefined): OwnerKey {
  const owner = ownerPath === undefined ? undefined : rowValues(row, ownerPath)[0];
  return typeof owner === 'string' ? owner : NO_OWNER;
}

/** A row's count key at `path`, or `undefined` when its value there is not one scalar. */
function countKeyOf(row: QueryRow, path: string | undefined): CountKey | undefined {
  if (path === undefined) return MISSING;
  const values = rowValues(row, path);
  if (values.length === 0) return MISSING;
  if (values.length > 1) return undefined;
  const value = values[0];
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return undefined;
}

/**
 * Rows counted per owner and per value of one field, kept up to date on every write, so that a
 * page's `total` and `groups` (for a filter on that field's values, in any owner scope) are sums
 * over the scope's owners instead of a pass over every row. Usable only while every row holds at
 * most one scalar value at the path (`complex` counts those that do not).
 */
export class CountIndex {
  readonly path: string | undefined;
  readonly ownerPath: string | undefined;
  readonly byOwner = new Map<OwnerKey, Map<CountKey, number>>();
  readonly totals = new Map<CountKey, number>();
  complex = 0;

  constructor(path: string | undefined, ownerPath: string | undefined, rows: Iterable<QueryRow>) {
    this.path = path;
    this.ownerPath = ownerPath;
    for (const row of rows) this.add(row, 1);
  }

  get usable(): boolean {
    return this.complex === 0;
  }

  add(row: QueryRow, sign: 1 | -1): void {
    const key = countKeyOf(row, this.path);
    if (key === undefined) {
      this.complex += sign;
      return;
    }
    const owner = ownerKeyOf(row, this.ownerPath);
    let counts = this.byOwner.get(owner);
    if (counts === undefined) {
      counts = new Map();
      this.byOwner.set(owner, counts);
    }
    bump(counts, key, sign);
    bump(this.totals, key, sign);
  }

  /** Per value, the rows of the given owners (`undefined` = every row). */
  countsOf(owners: Iterable<string> | undefined): Map<CountKey, number> {
    if (owners === undefined) return this.totals;
    const out = new Map<CountKey, number>();
    for (const owner of owners) {
      const counts = this.byOwner.get(owner);
      if (counts === undefined) continue;
      for (const [key, n] of counts) out.set(key, (out.get(key) ?? 0) + n);
    }
    return out;
  }
}

function bump(counts: Map<CountKey, number>, key: CountKey, sign: 1 | -1): void {
  const n = (counts.get(key) ?? 0) + sign;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}
