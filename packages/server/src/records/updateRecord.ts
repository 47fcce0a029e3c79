import type { FieldChange, VeilRecord } from '@veil/policy';
import { checkConsent } from '../consents/checkConsent.js';
import { VeilError } from '../errors/veilError.js';
import { applyChanges, leafPointersUnder, validateData } from '../services/recordData.js';
import { scanChanges } from '../services/scanFreeText.js';
import { withStore } from '../services/storeErrors.js';
import {
  details,
  project,
  type RecordsCaller,
  recordInScope,
  refuseWrite,
  revealedFor,
  sceneOf,
} from './recordScene.js';

export interface UpdateRecordOptions {
  templateId: string;
  id: string;
  /** The version the caller edited. */
  version: number;
  changes: FieldChange[];
  /** Array item pointers to remove. */
  removeItems?: string[] | undefined;
}

/** Applies leaf changes (and item removals) the policy lets the caller write, at the version it edited. */
export async function updateRecord(caller: RecordsCaller, input: UpdateRecordOptions) {
  const scene = await sceneOf(caller, input.templateId);
  const { record } = await recordInScope(scene, input.id);
  const removeItems = input.removeItems ?? [];
  const removals = removeItems.flatMap((p) =>
    leafPointersUnder(scene.loaded.sanitized, record.data, p).map((leaf) => ({ pointer: leaf, value: null })),
  );
  const changes = input.changes;
  const guard = scene.policy.guardWrite([...changes, ...removals], scene.viewer, record);
  if (guard.status === 'refused') refuseWrite(guard.refusals);
  if (record.version !== input.version) {
    throw new VeilError(
      'conflict',
      'Someone changed this record meanwhile; reload it and apply your change again.',
    );
  }
  const applied = applyChanges(record.data, changes, scene.services.newId, removeItems);
  const issues = validateData(scene.loaded.validate, applied.data, scene.loaded.sanitized);
  if (issues.length > 0)
    throw new VeilError('validation-failed', 'The record is not valid; fix the listed fields.', { issues });
  await checkConsent(scene, applied.data, changes);
  const next: VeilRecord = {
    ...record,
    templateVersion: scene.loaded.doc.version,
    version: record.version + 1,
    updatedAt: scene.services.now().toISOString(),
    data: applied.data,
  };
  const stored = await withStore(() =>
    scene.services.store.updateRecord({
      record: next,
      expectedVersion: record.version,
      audit: {
        actor: scene.actor,
        action: 'record.update',
        target: record.id,
        details: details(scene, {
          kind: 'write',
          record: next,
          changedPaths: applied.patches.map((p) => p.path),
        }),
      },
    }),
  );
  return {
    record: project(scene, stored, await revealedFor(scene, record.id)),
    assignedIds: applied.assignedIds,
    changed: applied.patches.length,
    pii: scanChanges(scene.loaded.sanitized, changes),
  };
}
