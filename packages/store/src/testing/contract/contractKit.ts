import type { VeilRecord } from '@veil/policy';
import type { SanitizedTemplate } from '@veil/schema';
import type { AuditInput, Store } from '../../store.js';

/** A fresh, empty store for one contract case, and how to inspect what it persisted. */
export interface OpenedStore {
  store: Store;
  /** Every byte the adapter has persisted so far (all files, all tables), for canary scans. */
  persisted(): Promise<Buffer>;
  close(): Promise<void>;
}

export type OpenStore = () => Promise<OpenedStore>;

export const TEMPLATE = 'followup';

export const audit = (action: string, target: string, actor = 'u-admin'): AuditInput => ({
  actor,
  action,
  target,
  details: { records: [] },
});

export function record(id: string, data: Record<string, unknown>, version = 1): VeilRecord {
  return {
    id,
    templateId: TEMPLATE,
    templateVersion: 1,
    version,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    data,
  };
}

/** A field as the store reads it from a sanitized template. */
export interface FieldSpec {
  path: string;
  encrypt?: boolean;
  exact?: boolean;
}

/** The default fields of the contract's template. */
export const FIELDS: FieldSpec[] = [
  { path: '/owner' },
  { path: '/name' },
  { path: '/stage' },
  { path: '/amount' },
  { path: '/tags' },
  { path: '/contacts/*/name' },
  { path: '/contacts/*/phone', encrypt: true, exact: true },
  { path: '/email', exact: true },
  { path: '/notes', encrypt: true },
];

/** The part of a sanitized template a store reads: id, version, owner and each leaf's storage flags. */
export function templateOf(
  version: number,
  fields: FieldSpec[] = FIELDS,
  subject: string[] = [],
): SanitizedTemplate {
  return {
    id: TEMPLATE,
    version,
    owner: '/owner',
    subject,
    fields: fields.map((f) => ({
      path: f.path,
      leaf: true,
      privacy: { encrypt: f.encrypt === true, search: f.exact ? 'exact' : 'none' },
    })),
  } as unknown as SanitizedTemplate;
}

export async function withStore(open: OpenStore, run: (store: Store, opened: OpenedStore) => Promise<void>) {
  const opened = await open();
  try {
    await run(opened.store, opened);
  } finally {
    await opened.close();
  }
}

/** Creates records in order, each with its audit entry. */
export async function seed(store: Store, rows: [string, Record<string, unknown>][]): Promise<void> {
  for (const [id, data] of rows) {
    await store.createRecord({ record: record(id, data), audit: audit('record.create', id) });
  }
}

/** Ids of every row of a query, page by page. */
export async function allIds(store: Store, query: Parameters<Store['queryRecords']>[1]): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Store['queryRecords']>> = await store.queryRecords(TEMPLATE, {
      ...query,
      ...(cursor ? { cursor } : {}),
    });
    ids.push(...page.records.map((r) => r.id));
    cursor = page.nextCursor;
    if (ids.length > 10_000)
      throw new Error('The cursor pages never end (a row comes back again and again).');
  } while (cursor);
  return ids;
}

export const ids = (page: { records: VeilRecord[] }): string[] => page.records.map((r) => r.id);
