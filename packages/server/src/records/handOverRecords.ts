import type { VeilRecord } from '@veil/policy';
import type { WriteStep } from '@veil/store';
import { parsePointer } from '../services/recordData.js';
import type { Services } from '../services/services.js';
import { withStore } from '../services/storeErrors.js';

export interface HandOverOptions {
  /** The user whose records move. */
  from: string;
  /** The new owner. */
  to: string;
  /** Who hands over (audited). */
  actor: string;
}

const PAGE = 200;

function withOwner(record: VeilRecord, segments: string[], owner: string, now: string): VeilRecord {
  const data = structuredClone(record.data);
  let container: Record<string, unknown> = data;
  for (const segment of segments.slice(0, -1)) container = container[segment] as Record<string, unknown>;
  container[segments.at(-1) as string] = owner;
  return { ...record, version: record.version + 1, updatedAt: now, data };
}

/**
 * Moves every record `from` owns, in every published template, to `to`: each page of records,
 * their versions and their `record.reassign` entries commit as one unit of work.
 */
export async function handOverRecords(services: Services, input: HandOverOptions): Promise<number> {
  const { store } = services;
  let moved = 0;
  const templates = new Set((await store.listDocs('templates')).map((t) => t.templateId));
  for (const templateId of templates) {
    const loaded = await services.policies.load(templateId);
    const owner = loaded.sanitized.owner;
    const segments = parsePointer(owner);
    const now = services.now().toISOString();
    for (;;) {
      // Moved records leave the scope, so the first page is always the next one.
      const page = await store.queryRecords(templateId, {
        scope: { kind: 'owners', ownerIds: [input.from] },
        limit: PAGE,
      });
      if (page.records.length === 0) break;
      const steps: WriteStep[] = page.records.map((record) => ({
        kind: 'updateRecord',
        record: withOwner(record, segments, input.to, now),
        expectedVersion: record.version,
        supersededBy: input.actor,
      }));
      await withStore(() =>
        store.commit({
          steps,
          audit: page.records.map((record) => ({
            actor: input.actor,
            action: 'record.reassign',
            target: record.id,
            details: { templateId, from: input.from, to: input.to, fields: [owner] },
          })),
        }),
      );
      moved += page.records.length;
    }
  }
  return moved;
}
