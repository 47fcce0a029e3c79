import type { VeilRecord } from '@veil/policy';
import type { ReadSetInput } from '@veil/store';
import { hashReadSet } from '@veil/store';
import { details, type Scene } from './recordScene.js';

/** Counts of a read: records, and fields read per access level. */
interface ReadCounts {
  records: number;
  fields: Record<string, number>;
}

/**
 * Audits a read with a bounded entry: the read set (record ids, audit references and the fields
 * read with their access level) is stored beside the entry, erasable with the records; the
 * entry carries the read set's id, hash and counts, so the chain still covers exactly what was
 * read (decision 172).
 */
export async function auditRead(
  scene: Scene,
  records: VeilRecord[],
  action: string,
  target: string,
): Promise<void> {
  const read = details(scene, { kind: 'read', records: records.map((record) => ({ record })) });
  const templateId = scene.loaded.sanitized.id;
  const readSet: ReadSetInput = {
    id: scene.services.newId(),
    templateId,
    actor: scene.actor,
    at: scene.services.now().toISOString(),
    records: read.records,
  };
  const counts: ReadCounts = { records: read.records.length, fields: {} };
  for (const record of read.records)
    for (const field of record.fields) counts.fields[field.access] = (counts.fields[field.access] ?? 0) + 1;
  await scene.services.store.commit({
    steps: [{ kind: 'putReadSet', readSet }],
    audit: [
      {
        actor: scene.actor,
        action,
        target,
        details: {
          kind: 'read',
          templateId,
          readSet: { id: readSet.id, hash: hashReadSet(readSet) },
          counts,
        },
      },
    ],
  });
}
