import { can, type FieldChange, type VeilRecord } from '@veil/policy';
import { checkConsent } from '../consents/checkConsent.js';
import { VeilError } from '../errors/veilError.js';
import { createOnce, idempotentIds } from '../services/idempotentIds.js';
import { applyChanges, joinPointer, parsePointer, validateData } from '../services/recordData.js';
import { scanChanges } from '../services/scanFreeText.js';
import { withStore } from '../services/storeErrors.js';
import { details, project, type RecordsCaller, refuseWrite, sceneOf } from './recordScene.js';

export interface CreateRecordOptions {
  templateId: string;
  changes: FieldChange[];
  /** A retry with the same key (per user) returns the record made the first time. */
  idempotencyKey?: string | undefined;
}

/** Creates a record owned by the caller from leaf changes the policy lets it write. */
export async function createRecord(caller: RecordsCaller, input: CreateRecordOptions) {
  const scene = await sceneOf(caller, input.templateId);
  const ids = input.idempotencyKey
    ? idempotentIds(scene.actor, input.templateId, input.idempotencyKey)
    : { recordId: scene.services.newId(), newId: scene.services.newId };
  if (!can(scene.policy.policy, scene.viewer.principal, 'records.create'))
    throw new VeilError('forbidden', 'You may not create records (capability "records.create").');
  const changes = input.changes;
  const guard = scene.policy.guardWrite(changes, scene.viewer);
  if (guard.status === 'refused') refuseWrite(guard.refusals);
  const ownerSegments = parsePointer(scene.loaded.sanitized.owner);
  const applied = applyChanges(
    {},
    [{ pointer: joinPointer(ownerSegments), value: scene.actor }, ...changes],
    ids.newId,
  );
  const issues = validateData(scene.loaded.validate, applied.data, scene.loaded.sanitized);
  if (issues.length > 0)
    throw new VeilError('validation-failed', 'The record is not valid; fix the listed fields.', { issues });
  await checkConsent(scene, applied.data, changes);
  const now = scene.services.now().toISOString();
  const record: VeilRecord = {
    id: ids.recordId,
    templateId: scene.loaded.sanitized.id,
    templateVersion: scene.loaded.doc.version,
    version: 1,
    createdAt: now,
    updatedAt: now,
    data: applied.data,
  };
  const create = () =>
    scene.services.store.createRecord({
      record,
      audit: {
        actor: scene.actor,
        action: 'record.create',
        target: record.id,
        details: details(scene, { kind: 'create', record }),
      },
    });
  const stored = input.idempotencyKey
    ? await withStore(() => createOnce(scene.services.store, record, create))
    : await withStore(create);
  return {
    record: project(scene, stored),
    assignedIds: applied.assignedIds,
    pii: scanChanges(scene.loaded.sanitized, changes),
  };
}
