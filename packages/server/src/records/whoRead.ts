import type { AccessLevel } from '@veil/schema';
import type { Store } from '@veil/store';

export interface WhoReadOptions {
  templateId: string;
  recordId: string;
  /** Schema path of the field (array items as `*`), e.g. `/contacts/*\/mobile`. */
  path: string;
  /** Only reads at this access level (e.g. `full`); every level when omitted. */
  access?: AccessLevel;
}

/** One read of a field: who, when, at which access, and the read set its audit entry hashes. */
export interface FieldRead {
  actor: string;
  at: string;
  access: AccessLevel;
  readSetId: string;
  readSetHash: string;
}

/**
 * "Who saw this customer's phone in full, and when": the read sets beside the audit entries that
 * include the record and the field, oldest first. Never scans the audit log.
 */
export async function whoRead(store: Store, options: WhoReadOptions): Promise<FieldRead[]> {
  const sets = await store.listReadSets({ templateId: options.templateId, recordId: options.recordId });
  const out: FieldRead[] = [];
  for (const set of sets) {
    for (const record of set.records) {
      if (record.id !== options.recordId) continue;
      for (const field of record.fields) {
        if (field.path !== options.path) continue;
        if (options.access !== undefined && field.access !== options.access) continue;
        out.push({
          actor: set.actor,
          at: set.at,
          access: field.access,
          readSetId: set.id,
          readSetHash: set.hash,
        });
      }
    }
  }
  return out;
}
