import type { VeilRecord } from '@veil/policy';
import { VeilError } from '../errors/veilError.js';
import { meterRecordRead } from '../guard/usageGuard.js';
import { auditRead } from './auditRead.js';
import {
  NOT_FOUND,
  project,
  type RecordsCaller,
  recordInScope,
  revealedFor,
  sceneOf,
} from './recordScene.js';

/** One record as the caller may see it (reveal grants applied); the read is audited. */
export async function readRecord(caller: RecordsCaller, input: { templateId: string; id: string }) {
  await meterRecordRead(caller.services, caller.principal.id);
  const scene = await sceneOf(caller, input.templateId);
  const { record } = await recordInScope(scene, input.id);
  const projected = project(scene, record, await revealedFor(scene, record.id));
  if (!projected) throw new VeilError('not-found', NOT_FOUND);
  await auditRead(scene, [record], 'record.read', record.id);
  return projected;
}

/** Earlier versions of a record as the caller may see them; the read is audited. */
export async function recordHistory(caller: RecordsCaller, input: { templateId: string; id: string }) {
  const scene = await sceneOf(caller, input.templateId);
  const { record } = await recordInScope(scene, input.id);
  const versions = await scene.services.store.listRecordVersions(scene.loaded.sanitized.id, record.id);
  const asRecords: VeilRecord[] = versions.map((v) => ({
    id: record.id,
    templateId: record.templateId,
    templateVersion: v.templateVersion,
    version: v.version,
    createdAt: record.createdAt,
    updatedAt: v.updatedAt,
    data: v.data,
  }));
  const projected = asRecords
    .map((r, i) => {
      const p = project(scene, r);
      const v = versions[i];
      return p && v ? { ...p, supersededAt: v.supersededAt, supersededBy: v.supersededBy } : null;
    })
    .filter((p) => p !== null);
  await auditRead(scene, asRecords.length > 0 ? asRecords : [record], 'record.history', record.id);
  return { versions: projected };
}

/** The form for the caller: creating (`id` omitted) or editing a record. */
export async function recordForm(
  caller: RecordsCaller,
  input: { templateId: string; id?: string | undefined },
) {
  const scene = await sceneOf(caller, input.templateId);
  if (input.id === undefined) {
    return {
      templateVersion: scene.loaded.doc.version,
      ...scene.policy.projectForm(scene.viewer, 'create', scene.locale),
    };
  }
  const { relation } = await recordInScope(scene, input.id);
  return {
    templateVersion: scene.loaded.doc.version,
    ...scene.policy.projectForm(scene.viewer, { relation }, scene.locale),
  };
}
