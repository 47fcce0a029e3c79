import type { VeilRecord } from '@veil/policy';
import type { AuditEntry } from '@veil/store';
import type { ApiClient, Harness } from '../api/apiHarness.js';

export const B2B = 'b2b-follow-up';

/**
 * A template whose free-text notes are `internal`: every staff member reads them in full, but
 * only the owner may write them (the workspace's `editDefault`), so a colleague sees the text with
 * the PII found in it masked (docs/decisions/081-server-free-text-pii.md).
 */
export const NOTES_TEMPLATE = {
  id: 'rt-notes',
  version: 1,
  title: 'Red-team notes',
  owner: '/ownerId',
  schema: {
    type: 'object',
    title: 'Red-team notes',
    required: ['ownerId'],
    properties: {
      ownerId: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
      title: { type: 'string', title: 'Title', 'x-privacy': { level: 'internal' } },
      notes: {
        type: 'string',
        title: 'Notes',
        maxLength: 2000,
        'x-privacy': {
          level: 'internal',
          categories: ['free-text'],
          scan: true,
          retention: { days: 365, after: 'updatedAt', action: 'delete' },
        },
      },
      secret: {
        type: 'string',
        title: 'Secret',
        pattern: '^S-[0-9]+$',
        'x-privacy': {
          level: 'confidential',
          categories: ['contact'],
          purpose: 'contact',
          basis: 'consent',
          mask: 'redact',
          retention: { days: 365, after: 'updatedAt', action: 'delete' },
          access: { rep: { owner: 'full', team: 'reveal', any: 'hidden' } },
        },
      },
    },
  },
} as const;

/** Saves and publishes a template as an admin. */
export async function publish(admin: ApiClient, template: { id: string }): Promise<void> {
  await admin.templates.saveDraft.mutate({ template: template as unknown as Record<string, unknown> });
  await admin.templates.publish.mutate({ templateId: template.id, confirm: true });
}

/** A raw HTTP call (no tRPC client), body read as text. */
export async function raw(
  h: Harness,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: string }> {
  const response = await fetch(`${h.server.url}${path}`, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

export async function storedRecord(h: Harness, templateId: string, id: string): Promise<VeilRecord> {
  const record = await h.server.store.getRecord(templateId, id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
}

/** Every audit entry, oldest first. */
export async function allAudit(h: Harness): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const entry of h.server.store.exportAudit()) entries.push(entry);
  return entries;
}

/** Fails with the offending canary when `text` holds any of them. */
export function leaked(text: string, canaries: readonly string[]): string[] {
  return canaries.filter((canary) => text.includes(canary));
}
