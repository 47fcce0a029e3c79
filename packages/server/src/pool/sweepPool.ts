import { POOL_OWNER } from '@veil/schema';
import type { WriteStep } from '@veil/store';
import type { Services } from '../services/services.js';
import { withStore } from '../services/storeErrors.js';
import { ownerOf, withOwner } from './withOwner.js';

const PAGE = 200;

/** The calendar day `days` before `now`, `YYYY-MM-DD` (UTC). */
function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Moves records nobody followed up for the template's `pool.afterDays` into the shared pool:
 * a query on the last follow-up date (records without one stay where they are), a page at a time,
 * each page with its `pool.fall` entries as one unit of work. Returns how many moved.
 */
export async function sweepPool(services: Services): Promise<number> {
  const { store } = services;
  let moved = 0;
  const templates = new Set((await store.listDocs('templates')).map((t) => t.templateId));
  for (const templateId of templates) {
    const loaded = await services.policies.load(templateId);
    const rule = loaded.sanitized.pool;
    if (!rule) continue;
    const owner = loaded.sanitized.owner;
    const cutoff = daysBefore(services.now(), rule.afterDays);
    for (;;) {
      // Moved records leave the query, so the first page is always the next one.
      const page = await store.queryRecords(templateId, {
        filters: [
          { field: rule.after, op: 'lt', value: cutoff },
          { field: owner, op: 'neq', value: POOL_OWNER },
        ],
        limit: PAGE,
      });
      if (page.records.length === 0) break;
      const now = services.now().toISOString();
      const steps: WriteStep[] = page.records.map((record) => ({
        kind: 'updateRecord',
        record: withOwner(record, owner, POOL_OWNER, now),
        expectedVersion: record.version,
        supersededBy: 'system',
      }));
      await withStore(() =>
        store.commit({
          steps,
          audit: page.records.map((record) => ({
            actor: 'system',
            action: 'pool.fall',
            target: record.id,
            details: {
              templateId,
              from: ownerOf(record, owner) ?? null,
              afterDays: rule.afterDays,
              fields: [owner],
            },
          })),
        }),
      );
      moved += page.records.length;
    }
  }
  return moved;
}
