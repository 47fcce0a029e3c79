import type { AuditChange, AuditDetails, Principal, ProjectedRecord, VeilRecord, Viewer } from '@veil/policy';
import type { Relation } from '@veil/schema';
import { VeilError } from '../errors/veilError.js';
import type { LoadedTemplate } from '../services/policyRegistry.js';
import type { Services } from '../services/services.js';
import type { TemplatePolicy } from '../services/templatePolicy.js';

/** Who calls a records operation: from a tRPC request, the CLI or a job (never from input). */
export interface RecordsCaller {
  services: Services;
  /** The signed-in principal (roles, departments). */
  principal: Principal;
  locale: 'zh-CN' | 'en';
}

/** One template version and one viewer, resolved once per operation. */
export interface Scene {
  services: Services;
  loaded: LoadedTemplate;
  policy: TemplatePolicy;
  viewer: Viewer;
  actor: string;
  locale: 'zh-CN' | 'en';
}

export async function sceneOf(caller: RecordsCaller, templateId: string): Promise<Scene> {
  const loaded = await caller.services.policies.load(templateId);
  const viewer = await caller.services.policies.viewerFor(caller.principal);
  return {
    services: caller.services,
    loaded,
    policy: loaded.policyFor(caller.locale),
    viewer,
    actor: caller.principal.id,
    locale: caller.locale,
  };
}

export const NOT_FOUND = 'No such record.';

/** The record if the viewer's row scope admits it; otherwise it does not exist. */
export async function recordInScope(
  scene: Scene,
  recordId: string,
): Promise<{ record: VeilRecord; relation: Relation }> {
  const record = await scene.services.store.getRecord(scene.loaded.sanitized.id, recordId);
  if (!record) throw new VeilError('not-found', NOT_FOUND);
  const relation = scene.policy.relationOf(record, scene.viewer);
  if (relation === null) throw new VeilError('not-found', NOT_FOUND);
  return { record, relation };
}

/**
 * Value pointers the viewer holds a live reveal grant for. A grant is bound to the field's
 * identity (path + the template version that introduced it): a field removed and re-created
 * with the same name inherits no grant (decision 171).
 */
export async function revealedFor(scene: Scene, recordId: string): Promise<Set<string>> {
  const now = scene.services.now().toISOString();
  const grants = await scene.services.store.listDocs('revealGrants', { userId: scene.actor, recordId });
  const identities = (await scene.services.store.getTemplateStorage(scene.loaded.sanitized.id))?.fields;
  return new Set(
    grants
      .filter((g) => g.expiresAt > now)
      .filter((g) => g.fieldVersion === undefined || identities?.[g.fieldPath ?? ''] === g.fieldVersion)
      .map((g) => g.pointer),
  );
}

/** The viewer's view of a record (found PII in scanned free text masked by `projectRecord`). */
export function project(scene: Scene, record: VeilRecord, revealed?: Set<string>): ProjectedRecord | null {
  return scene.policy.projectRecord(record, scene.viewer, revealed ? { revealed } : undefined);
}

export function details(scene: Scene, change: AuditChange): AuditDetails {
  return scene.policy.auditDetails(change, scene.viewer) as AuditDetails;
}

export function refuseWrite(refusals: { pointer: string; reason: string }[]): never {
  throw new VeilError(
    'write-refused',
    `You may not write these fields: ${refusals.map((r) => `${r.pointer} (${r.reason})`).join(', ')}.`,
    {
      issues: refusals.map((r) => ({
        path: r.pointer,
        code: r.reason,
        message: `This field is ${r.reason} for you.`,
      })),
    },
  );
}
