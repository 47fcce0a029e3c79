import { createHash } from 'node:crypto';
import type { ReadSetInput } from '../store.js';

/** Hashes already computed, by read set (the caller hashes it for the audit entry, the store again). */
const computed = new WeakMap<ReadSetInput, string>();

/**
 * sha256 hex of a read set's JSON (fields in a fixed order): what its audit entry carries. A read
 * set is not changed once handed to the store (see `putReadSet`), so its hash is kept with it.
 */
export function hashReadSet(input: ReadSetInput): string {
  const known = computed.get(input);
  if (known !== undefined) return known;
  const canonical = JSON.stringify([input.id, input.templateId, input.actor, input.at, input.records]);
  const hash = createHash('sha256').update(canonical).digest('hex');
  computed.set(input, hash);
  return hash;
}
