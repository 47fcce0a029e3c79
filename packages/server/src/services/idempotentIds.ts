import { createHash } from 'node:crypto';
import type { VeilRecord } from '@veil/policy';
import { type Store, StoreError } from '@veil/store';

/**
 * Ids for a create sent with an idempotency key: the record's id and the ids of its new items
 * follow from (actor, template, key), so a retry of the same create addresses the same record
 * (and gets the same item ids) instead of making a second one. Keys are per actor: another
 * user's equal key makes other ids.
 */
export function idempotentIds(
  actor: string,
  templateId: string,
  key: string,
): { recordId: string; newId: () => string } {
  const base = createHash('sha256').update(`${actor}\n${templateId}\n${key}`).digest('hex');
  let n = 0;
  return {
    recordId: `idem-${base.slice(0, 32)}`,
    newId: () => {
      n += 1;
      return createHash('sha256').update(`${base}\n${n}`).digest('hex').slice(0, 24);
    },
  };
}

/**
 * Creates `record` unless a record with its (idempotent) id exists: then that one is returned
 * and nothing is written or audited again — also when two retries race (`CONFLICT`).
 */
export async function createOnce(
  store: Store,
  record: VeilRecord,
  create: () => Promise<VeilRecord>,
): Promise<VeilRecord> {
  const existing = await store.getRecord(record.templateId, record.id);
  if (existing) return existing;
  try {
    return await create();
  } catch (error) {
    if (error instanceof StoreError && error.code === 'CONFLICT') {
      const raced = await store.getRecord(record.templateId, record.id);
      if (raced) return raced;
    }
    throw error;
  }
}
