import { can } from '@veil/policy';
import { POOL_OWNER } from '@veil/schema';
import { VeilError } from '../errors/veilError.js';
import { type RecordsCaller, recordInScope, sceneOf } from '../records/recordScene.js';
import { withStore } from '../services/storeErrors.js';
import { ownerOf, withOwner } from './withOwner.js';

export interface PoolRecordOptions {
  templateId: string;
  id: string;
  /** The version the caller saw (a record changed meanwhile is not moved). */
  version: number;
}

/** Returns a record to the shared pool (公海): it then belongs to nobody until a rep claims it. */
export async function releaseRecord(caller: RecordsCaller, input: PoolRecordOptions) {
  const scene = await sceneOf(caller, input.templateId);
  const { record, relation } = await recordInScope(scene, input.id);
  if (!can(scene.policy.policy, scene.viewer.principal, 'records.release', relation))
    throw new VeilError(
      'forbidden',
      'You may not return this customer to the pool (capability "records.release").',
    );
  if (record.version !== input.version)
    throw new VeilError('conflict', 'Someone changed this record meanwhile; reload it and try again.');
  const owner = scene.loaded.sanitized.owner;
  const from = ownerOf(record, owner) ?? null;
  const next = withOwner(record, owner, POOL_OWNER, scene.services.now().toISOString());
  await withStore(() =>
    scene.services.store.updateRecord({
      record: next,
      expectedVersion: record.version,
      audit: {
        actor: scene.actor,
        action: 'pool.release',
        target: record.id,
        details: { templateId: record.templateId, from, fields: [owner] },
      },
    }),
  );
  return { id: record.id, version: next.version };
}
