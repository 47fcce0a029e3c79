import type { FieldChange, VeilRecord } from '@veil/policy';
import { VeilError } from '../errors/veilError.js';
import { applyChanges, joinPointer, parsePointer, validateData } from '../services/recordData.js';
import { scanChanges } from '../services/scanFreeText.js';
import { withStore } from '../services/storeErrors.js';
import { details, project, type RecordsCaller, refuseWrite, sceneOf } from './recordScene.js';

export interface CreateRecordOptions {
  templateId: string;
  changes: FieldChange[];
}

/** Creates a record owned by the caller from leaf changes the policy lets it write. */
export async function createRecord(caller: RecordsCaller, input: CreateRecordOptions) {
  const scene = await sceneOf(caller, input.templateId);
  const changes = input.changes;
  const guard = scene.policy.guardWrite(changes, scene.viewer);
  if (guard.status === 'refused') refuseWrite(guard.refusals);
  const ownerSegments = parsePointer(scene.loaded.sanitized.owner);
  const applied = applyChanges(
    {},
    [{ pointer: joinPointer(ownerSegments), value: scene.actor }, ...changes],
    scene.services.newId,
  );
  const issues = validateData(scene.loaded.validate, applied.data);
  if (issues.length > 0)
    throw new VeilError('validation-failed', 'The record is not valid; fix the listed fields.', { issues });
  const now = scene.services.now().toISOString();
  const record: VeilRecord = {
    id: scene.services.newId(),
    templateId: scene.loaded.sanitized.id,
    templateVersion: scene.loaded.doc.version,
    version: 1,
    createdAt: now,
    updatedAt: now,
    data: applied.data,
  };
  const stored = await withStore(() =>
    scene.services.store.createRecord({
      record,
      audit: {
        actor: scene.actor,
        action: 'record.create',
        target: record.id,
        details: details(scene, { kind: 'create', record }),
      },
    }),
  );
  return {
    record: project(scene, stored),
    assignedIds: applied.assignedIds,
    pii: scanChanges(scene.loaded.sanitized, changes),
  };
}
