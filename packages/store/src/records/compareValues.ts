/** Deep equality of JSON values (objects compared by their JSON). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Order of two numbers or two strings; `undefined` when they do not compare. */
export function ordered(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

const TYPE_RANK: Record<string, number> = { number: 0, string: 1, boolean: 2, object: 3 };

/** Missing values sort last in both directions; otherwise by type (numbers, strings, booleans, objects), then value. */
export function compareSortValues(a: unknown, b: unknown, dir: 'asc' | 'desc'): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const sign = dir === 'asc' ? 1 : -1;
  const ta = TYPE_RANK[typeof a] ?? 4;
  const tb = TYPE_RANK[typeof b] ?? 4;
  if (ta !== tb) return sign * (ta - tb);
  const direct = ordered(a, b);
  if (direct !== undefined) return sign * Math.sign(direct);
  if (typeof a === 'boolean' && typeof b === 'boolean') return sign * (Number(a) - Number(b));
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sign * (sa < sb ? -1 : sa > sb ? 1 : 0);
}
