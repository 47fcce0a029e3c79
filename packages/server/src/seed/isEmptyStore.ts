import type { Store } from '@veil/store';

/**
 * True only for a store that was never used: no users, workspace, departments or templates,
 * and no audit entry. The demo seed runs on such a store only — never on a live one that lost
 * something (the store itself refuses to open when a collection file of a store with data is
 * missing). The audit log is asked last, and only for one entry.
 */
export async function isEmptyStore(store: Store): Promise<boolean> {
  for (const name of ['users', 'workspace', 'departments', 'templates'] as const) {
    if ((await store.listDocs(name)).length > 0) return false;
  }
  return (await store.listAudit({ limit: 1 })).entries.length === 0;
}
