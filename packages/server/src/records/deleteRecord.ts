import type { Viewer } from '@veil/policy';
import { VeilError } from '../errors/veilError.js';
import { withStore } from '../services/storeErrors.js';
import type { TemplatePolicy } from '../services/templatePolicy.js';
import { details, type RecordsCaller, recordInScope, sceneOf } from './recordScene.js';

function isExternal(policy: TemplatePolicy, roles: string[]): boolean {
  return roles.every((role) => policy.policy.roles.find((r) => r.id === role)?.kind !== 'staff');
}

/** Deletes a record at the version the caller saw: its owner, their manager or an admin. */
export async function deleteRecord(
  caller: RecordsCaller,
  input: { templateId: string; id: string; version: number },
) {
  const scene = await sceneOf(caller, input.templateId);
  const { record, relation } = await recordInScope(scene, input.id);
  const viewer: Viewer = scene.viewer;
  const roles = viewer.principal.roles;
  const allowed =
    roles.includes('admin') ||
    (relation === 'owner' && !isExternal(scene.policy, roles)) ||
    (relation === 'team' && roles.includes('manager'));
  if (!allowed)
    throw new VeilError('forbidden', 'Only the owner, their manager or an admin may delete this record.');
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
