import type { Relation } from '@veil/schema';

/**
 * Whether an access level the server sent shows the value in full (`full`). For screens that
 * draw what the server projected; the decision itself was made by the projection.
 */
export function showsInFull(level: unknown): boolean {
  return level === 'full';
}

/** Whether an access level the server sent shows the value masked (`masked`, or `reveal` before a reason). */
export function showsMasked(level: unknown): boolean {
  return level === 'masked' || level === 'reveal';
}

/** Whether the viewer owns a record the server projected for it (its relation is `owner`). */
export function ownsRecord(record: { readonly relation: Relation }): boolean {
  return record.relation === 'owner';
}
