import { createHash } from 'node:crypto';
import type { ReadSetInput } from '../store.js';

/** sha256 hex of a read set's JSON (fields in a fixed order): what its audit entry carries. */
export function hashReadSet(input: ReadSetInput): string {
  const canonical = JSON.stringify([input.id, input.templateId, input.actor, input.at, input.records]);
  return createHash('sha256').update(canonical).digest('hex');
}
