import { trpc } from '../api/trpc.js';

type Out<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export type ExportOptions = Out<typeof trpc.exports.options.query>;
export type ExportSummary = Out<typeof trpc.exports.mine.query>[number];
export type InboxExport = Out<typeof trpc.exports.inbox.query>[number];
export type ExportPreview = Out<typeof trpc.exports.preview.query>;
export type ShareSummary = Out<typeof trpc.shares.mine.query>[number];
export type RecipientView = Out<typeof trpc.shares.preview.query>;
export type ExportFormat = 'csv' | 'xlsx' | 'json';

export interface ExportAsk {
  templateId: string;
  viewId: string;
  purpose: string;
  format: ExportFormat;
}

export interface ShareAsk {
  templateId: string;
  recordIds: string[];
  fields: string[];
  recipientLabel: string;
  purpose: string;
  maskPii: boolean;
}

/** The calls of the export and share screens (lazy chunk). */
export const exportsApi = {
  options: () => trpc.exports.options.query(),
  mine: () => trpc.exports.mine.query(),
  inbox: () => trpc.exports.inbox.query(),
  preview: (ask: ExportAsk) => trpc.exports.preview.query(ask),
  request: (ask: ExportAsk) => trpc.exports.request.mutate(ask),
  approve: (exportId: string, comment: string) =>
    trpc.exports.approve.mutate(comment.trim() ? { exportId, comment: comment.trim() } : { exportId }),
  deny: (exportId: string, reason: string) => trpc.exports.deny.mutate({ exportId, reason: reason.trim() }),
  shares: () => trpc.shares.mine.query(),
  sharePreview: (ask: ShareAsk) => trpc.shares.preview.query(ask),
  createShare: (ask: ShareAsk & { expiresInHours: number; oneTime: boolean }) =>
    trpc.shares.create.mutate(ask),
  copyText: (ask: ShareAsk) => trpc.shares.copyText.mutate(ask),
  revoke: (shareId: string) => trpc.shares.revoke.mutate({ shareId }),
};

/** Where the requester downloads an export (a plain GET with the session cookie). */
export const exportFileUrl = (id: string) => `/exports/${encodeURIComponent(id)}/file`;
