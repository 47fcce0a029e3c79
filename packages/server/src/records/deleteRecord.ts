import { guardDelete } from '@veil/policy';
import { VeilError } from '../errors/veilError.js';
import { withStore } from '../services/storeErrors.js';
import { details, type RecordsCaller, recordInScope, sceneOf } from './recordScene.js';

/** Deletes a record at the version the caller saw, when the policy grants `records.delete` for its relation. */
export async function deleteRecord(
  caller: RecordsCaller,
  input: { templateId: string; id: string; version: number },
) {
  const scene = await sceneOf(caller, input.templateId);
  const { record, relation } = await recordInScope(scene, input.id);
  if (guardDelete(scene.policy.policy, scene.viewer.principal, relation).status !== 'allowed')
    throw new VeilError('forbidden', 'You may not delete this record (capability "records.delete").');
  await withStore(() =>
    scene.services.store.deleteRecord({
      templateId: scene.loaded.sanitized.id,
      id: record.id,
      expectedVersion: input.version,
      audit: {
        actor: scene.actor,
        action: 'record.delete',
        target: record.id,
        details: details(scene, { kind: 'delete', record }),
      },
    }),
  );
  return { deleted: true as const };
}
