import type { ExportActor } from './exportActor.js';

/** What the export and share dialogs offer: the workspace's purposes, the approval threshold, link lifetimes. */
export interface ExportOptions {
  purposes: { id: string; title: string }[];
  /** An export of more rows than this needs a manager's approval. */
  approvalRows: number;
  shareDefaultHours: number;
  shareMaxHours: number;
}

export async function exportOptions(actor: ExportActor): Promise<ExportOptions> {
  const policy = await actor.services.policies.workspacePolicy();
  const { shareDefaultMs, shareMaxMs } = actor.services.config;
  return {
    purposes: policy.purposes.map((p) => ({ id: p.id, title: p.i18n?.[actor.locale]?.title ?? p.title })),
    approvalRows: policy.exportApprovalRows,
    shareDefaultHours: Math.round(shareDefaultMs / 3_600_000),
    shareMaxHours: Math.floor(shareMaxMs / 3_600_000),
  };
}
