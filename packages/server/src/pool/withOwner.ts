import type { VeilRecord } from '@veil/policy';
import { parsePointer } from '../services/recordData.js';

/** The owner id a record's owner field holds, if it is a string. */
export function ownerOf(record: VeilRecord, ownerPointer: string): string | undefined {
  let cursor: unknown = record.data;
  for (const segment of parsePointer(ownerPointer))
    cursor =
      cursor !== null && typeof cursor === 'object'
        ? (cursor as Record<string, unknown>)[segment]
        : undefined;
  return typeof cursor === 'string' ? cursor : undefined;
}

/** The record's next version with another owner (the pool, a claimer). */
export function withOwner(record: VeilRecord, ownerPointer: string, owner: string, now: string): VeilRecord {
  const segments = parsePointer(ownerPointer);
  const data = structuredClone(record.data) as Record<string, unknown>;
  let container = data;
  for (const segment of segments.slice(0, -1)) container = container[segment] as Record<string, unknown>;
  container[segments.at(-1) as string] = owner;
  return { ...record, version: record.version + 1, updatedAt: now, data };
}
