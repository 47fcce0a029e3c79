import { can } from '@veil/policy';
import { POOL_OWNER } from '@veil/schema';
import { VeilError } from '../errors/veilError.js';
import { project, type RecordsCaller, sceneOf } from '../records/recordScene.js';
import { withStore } from '../services/storeErrors.js';
import type { PoolRecordOptions } from './releaseRecord.js';
import { ownerOf, withOwner } from './withOwner.js';

const NOT_IN_POOL = 'No such customer in the pool: someone may have claimed it.';

/**
 * Claims a customer from the pool: the caller becomes its owner. Two reps claiming one customer
 * at once: the store's version check lets exactly one of them have it.
 */
export async function claimRecord(caller: RecordsCaller, input: PoolRecordOptions) {
  const scene = await sceneOf(caller, input.templateId);
  if (!can(scene.policy.policy, scene.viewer.principal, 'records.claim'))
    throw new VeilError(
      'forbidden',
      'You may not claim customers from the pool (capability "records.claim").',
    );
  const owner = scene.loaded.sanitized.owner;
  const record = await scene.services.store.getRecord(scene.loaded.sanitized.id, input.id);
  if (!record || ownerOf(record, owner) !== POOL_OWNER) throw new VeilError('not-found', NOT_IN_POOL);
  if (record.version !== input.version)
    throw new VeilError('conflict', 'This customer changed meanwhile; reload the pool and try again.');
  const next = withOwner(record, owner, scene.actor, scene.services.now().toISOString());
  const stored = await withStore(() =>
    scene.services.store.updateRecord({
      record: next,
      expectedVersion: record.version,
      audit: {
        actor: scene.actor,
        action: 'pool.claim',
        target: record.id,
        details: { templateId: record.templateId, fields: [owner] },
      },
    }),
  );
  return { record: project(scene, stored) };
}
