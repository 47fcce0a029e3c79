import { TRPCClientError } from '@trpc/client';
import { DEFAULT_WORKSPACE_POLICY, type Template, type WorkspacePolicy } from '@veil/schema';
import { trpc } from '../api/trpc.js';

/** A template the builder can open. */
export interface TemplateEntry {
  id: string;
  title: string;
  kind: 'draft' | 'published';
  version?: number;
}

/** What the server said when it refused: its Veil code and the issues it listed. */
export interface Refusal {
  code: string;
  message: string;
  issues: { path: string; code: string; message: string }[];
}

export function refusalOf(error: unknown): Refusal {
  if (error instanceof TRPCClientError) {
    const data = error.data as { veilCode?: unknown; issues?: unknown } | undefined;
    return {
      code: typeof data?.veilCode === 'string' ? data.veilCode : 'error',
      message: error.message,
      issues: Array.isArray(data?.issues) ? (data.issues as Refusal['issues']) : [],
    };
  }
  return { code: 'error', message: error instanceof Error ? error.message : String(error), issues: [] };
}

/** The server's templates and workspace procedures, as the builder uses them. */
export const builderApi = {
  async list(): Promise<TemplateEntry[]> {
    const { published, drafts } = await trpc.templates.list.query();
    const draftIds = new Set(drafts.map((d) => d.id));
    return [
      ...drafts.map((d): TemplateEntry => ({ id: d.id, title: d.title, kind: 'draft' })),
      ...published
        .filter((p) => !draftIds.has(p.id))
        .map((p): TemplateEntry => ({ id: p.id, title: p.title, kind: 'published', version: p.version })),
    ];
  },
  async get(
    templateId: string,
  ): Promise<{ template: Template; source: 'draft' | 'published'; latestVersion: number | null }> {
    const got = await trpc.templates.get.query({ templateId });
    return { template: got.template as Template, source: got.source, latestVersion: got.latestVersion };
  },
  async policy(): Promise<WorkspacePolicy> {
    try {
      return (await trpc.workspace.get.query()) as WorkspacePolicy;
    } catch {
      return DEFAULT_WORKSPACE_POLICY;
    }
  },
  async saveDraft(
    template: Template,
  ): Promise<{ parseErrors: { path: string; code: string; message: string }[] }> {
    const saved = await trpc.templates.saveDraft.mutate({
      template: template as unknown as Record<string, unknown>,
    });
    return { parseErrors: saved.parseErrors };
  },
  async publish(templateId: string, confirm: boolean): Promise<{ version: number }> {
    const published = await trpc.templates.publish.mutate(
      confirm ? { templateId, confirm: true } : { templateId },
    );
    return { version: published.version };
  },
};
