import { countExportColumns, type ExportFormat } from '@veil/policy';
import { VeilError } from '../errors/veilError.js';
import type { ExportActor } from './exportActor.js';
import { type ExportSourceInput, planSource, resolveExportSource } from './exportSource.js';

/** A request as the client sends it. */
export interface ExportRequestInput extends ExportSourceInput {
  purpose: string;
  format: ExportFormat;
}

/** What the requester sees before requesting: rows, each column's treatment, and whether approval is needed. */
export interface ExportPreview {
  rowCount: number;
  columns: { field: string; title: string; treatment: string; reason: string }[];
  kept: number;
  masked: number;
  dropped: number;
  needsApproval: boolean;
  approvalReasons: string[];
}

export async function assertPurpose(actor: ExportActor, purpose: string): Promise<void> {
  const policy = await actor.services.policies.workspacePolicy();
  if (!policy.purposes.some((p) => p.id === purpose))
    throw new VeilError('invalid-input', 'Choose a purpose from the workspace’s purposes.', {
      issues: [
        { path: '/purpose', code: 'unknown-purpose', message: 'Not one of the workspace’s purposes.' },
      ],
    });
}

/** Plans an export without requesting it. */
export async function previewExport(actor: ExportActor, input: ExportRequestInput): Promise<ExportPreview> {
  await assertPurpose(actor, input.purpose);
  const source = await resolveExportSource(actor, input);
  const plan = planSource(actor, source, {
    format: input.format,
    purpose: input.purpose,
    exportId: 'preview',
    at: actor.services.now().toISOString(),
  });
  const fields = source.loaded.sanitized.fields;
  const titleOf = (path: string) => {
    const field = fields.find((f) => f.path === path);
    return field?.i18n?.[actor.locale]?.title ?? field?.title ?? path;
  };
  const columns = plan.columns.map((c) => ({
    field: c.field,
    title: titleOf(c.field),
    treatment: c.treatment,
    reason: c.reason,
  }));
  return {
    rowCount: source.rowIds.length,
    columns,
    ...countExportColumns(columns),
    needsApproval: plan.needsApproval,
    approvalReasons: plan.approvalReasons,
  };
}
