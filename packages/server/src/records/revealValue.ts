import { VeilError } from '../errors/veilError.js';
import { fieldOfPointer } from '../services/recordData.js';
import { details, project, type RecordsCaller, recordInScope, revealedFor, sceneOf } from './recordScene.js';

export interface RevealValueOptions {
  templateId: string;
  id: string;
  pointer: string;
  /** Why the caller needs the value; kept (erasable) and audited by reference. */
  reason: string;
}

/**
 * Shows one `reveal` field in full for a while, after a reason that is kept and audited. The
 * grant is bound to the field's identity (its path and the version that introduced it).
 */
export async function revealValue(caller: RecordsCaller, input: RevealValueOptions) {
  const scene = await sceneOf(caller, input.templateId);
  const { record } = await recordInScope(scene, input.id);
  const projected = project(scene, record);
  if (!projected?.revealable.includes(input.pointer)) {
    throw new VeilError('forbidden', 'This value cannot be revealed by you.');
  }
  const { store } = scene.services;
  const fieldPath = fieldOfPointer(scene.loaded.sanitized, input.pointer)?.path;
  const fieldVersion =
    fieldPath === undefined
      ? undefined
      : (await store.getTemplateStorage(scene.loaded.sanitized.id))?.fields?.[fieldPath];
  const reasonId = await store.putNote(input.reason);
  const now = scene.services.now();
  const expiresAt = new Date(now.getTime() + scene.services.config.revealMs).toISOString();
  await store.putDoc(
    'revealGrants',
    {
      id: scene.services.newId(),
      userId: scene.actor,
      templateId: scene.loaded.sanitized.id,
      recordId: record.id,
      pointer: input.pointer,
      ...(fieldPath !== undefined ? { fieldPath } : {}),
      ...(fieldVersion !== undefined ? { fieldVersion } : {}),
      reasonId,
      grantedAt: now.toISOString(),
      expiresAt,
    },
    {
      actor: scene.actor,
      action: 'record.reveal',
      target: record.id,
      details: details(scene, { kind: 'reveal', record, pointer: input.pointer, reasonId }),
    },
  );
  return { expiresAt, record: project(scene, record, await revealedFor(scene, record.id)) };
}
