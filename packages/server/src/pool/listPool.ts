import { can, type ProjectedRecord } from '@veil/policy';
import { POOL_OWNER } from '@veil/schema';
import { VeilError } from '../errors/veilError.js';
import { type RecordsCaller, sceneOf } from '../records/recordScene.js';
import { withStore } from '../services/storeErrors.js';

export interface ListPoolOptions {
  templateId: string;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * A page of the shared pool (公海) as the caller may see it before claiming: each record as the
 * `any` relation's access shows it (`projectPooled`), whatever the caller's row scope. The read
 * is audited (which records, how many fields at which level).
 */
export async function listPool(caller: RecordsCaller, input: ListPoolOptions) {
  const scene = await sceneOf(caller, input.templateId);
  if (!can(scene.policy.policy, scene.viewer.principal, 'records.claim'))
    throw new VeilError('forbidden', 'You may not see the pool (capability "records.claim").');
  const page = await withStore(() =>
    scene.services.store.queryRecords(scene.loaded.sanitized.id, {
      scope: { kind: 'owners', ownerIds: [POOL_OWNER] },
      limit: input.limit ?? 50,
      ...(input.cursor ? { cursor: input.cursor } : {}),
    }),
  );
  const rows = page.records
    .map((r) => scene.policy.projectPooled(r, scene.viewer))
    .filter((r): r is ProjectedRecord => r !== null);
  await scene.services.store.appendAudit({
    actor: scene.actor,
    action: 'pool.list',
    target: scene.loaded.sanitized.id,
    details: {
      kind: 'read',
      templateId: scene.loaded.sanitized.id,
      recordIds: rows.map((r) => r.id),
      counts: { records: rows.length, masked: rows.reduce((n, r) => n + r.masked.length, 0) },
    },
  });
  return { rows, nextCursor: page.nextCursor, total: page.total };
}
