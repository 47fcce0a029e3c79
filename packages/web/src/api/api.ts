import type { FieldFilter, ProcessingRecord, SortKey, WorkspacePolicy } from '@veil/schema';
import type { LeafChange } from '../form/changedLeaves.js';
import { trpc } from './trpc.js';
import type { FormInfo, Me, ProjectedRecord, TemplateSummary } from './types.js';

export interface ListInput {
  templateId: string;
  filters?: FieldFilter[];
  sort?: SortKey[];
  search?: { text: string; fields: string[] };
  /** The search box: the server looks where the viewer reads in full (`planSearch`). */
  find?: string;
  cursor?: string | null;
  limit?: number;
}

export interface ListPage {
  items: ProjectedRecord[];
  nextCursor: string | null;
  total: number;
}

export interface HistoryVersion extends ProjectedRecord {
  supersededAt?: string;
  supersededBy?: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

export type VerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; firstBadSeq: number; reason: string; message: string };

export interface UserRow {
  id: string;
  login: string;
  name: string;
  roles: string[];
  departmentId: string | null;
  managedDepartmentIds: string[];
  active: boolean;
}

export interface Department {
  id: string;
  name: string;
  parentId: string | null;
}

/** Every call the app makes, in one place: names and shapes of the server's procedures. */
export const api = {
  async me(): Promise<Me | null> {
    // `auth.current` answers null without a session: no 401 in the console of a fresh page.
    return await trpc.auth.current.query();
  },
  async login(username: string, password: string): Promise<void> {
    await trpc.auth.login.mutate({ username, password });
  },
  async logout(): Promise<void> {
    await trpc.auth.logout.mutate();
  },
  async templates(): Promise<TemplateSummary[]> {
    const { published } = await trpc.templates.list.query();
    return published.map((t) => ({
      id: t.id,
      version: t.version,
      title: t.title,
      views: t.views,
      ...(t.due ? { due: t.due } : {}),
      ...(t.recordTitle ? { recordTitle: t.recordTitle } : {}),
      ...(t.dueRules ? { dueRules: t.dueRules } : {}),
    }));
  },
  /** The form for a new record (no id) or for one record (the viewer's relation to it decides). */
  async form(templateId: string, id?: string): Promise<FormInfo> {
    const form = await trpc.records.form.query(id === undefined ? { templateId } : { templateId, id });
    return { schema: form.schema, uiSchema: form.uiSchema };
  },
  async list(input: ListInput): Promise<ListPage> {
    const page = await trpc.records.list.query({
      templateId: input.templateId,
      ...(input.filters?.length ? { filters: input.filters } : {}),
      ...(input.sort?.length ? { sort: input.sort } : {}),
      ...(input.search ? { search: input.search } : {}),
      ...(input.find ? { find: input.find } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
      limit: input.limit ?? 200,
    });
    return { items: page.rows, nextCursor: page.nextCursor, total: page.total };
  },
  /** Follow-ups due by today; `available: false` when the viewer may not use this due list. */
  async dueToday(
    templateId: string,
  ): Promise<{ today: string; rows: ProjectedRecord[]; available: boolean }> {
    return await trpc.records.dueToday.query({ templateId });
  },
  async record(templateId: string, id: string): Promise<ProjectedRecord> {
    return await trpc.records.get.query({ templateId, id });
  },
  async create(templateId: string, changes: LeafChange[]): Promise<ProjectedRecord | null> {
    return (await trpc.records.create.mutate({ templateId, changes })).record;
  },
  async update(
    templateId: string,
    record: { id: string; version: number },
    changes: LeafChange[],
    removeItems: string[],
  ): Promise<void> {
    await trpc.records.update.mutate({
      templateId,
      id: record.id,
      version: record.version,
      changes,
      ...(removeItems.length ? { removeItems } : {}),
    });
  },
  async reveal(
    templateId: string,
    id: string,
    pointer: string,
    reason: string,
  ): Promise<ProjectedRecord | null> {
    return (await trpc.records.reveal.mutate({ templateId, id, pointer, reason })).record;
  },
  async history(templateId: string, id: string): Promise<HistoryVersion[]> {
    return (await trpc.records.history.query({ templateId, id })).versions as HistoryVersion[];
  },
  async audit(filter: { action?: string; actor?: string; record?: string }): Promise<AuditEntry[]> {
    return (await trpc.audit.list.query({ ...filter, limit: 200 })).entries as AuditEntry[];
  },
  async verifyAudit(): Promise<VerifyResult> {
    return await trpc.audit.verify.query();
  },
  async processingRecord(templateId: string, locale: 'zh-CN' | 'en'): Promise<ProcessingRecord> {
    return (await trpc.templates.processingRecord.query({ templateId, locale })).record;
  },
  async policy(): Promise<WorkspacePolicy> {
    return await trpc.workspace.get.query();
  },
  async users(): Promise<UserRow[]> {
    return (await trpc.users.list.query()) as UserRow[];
  },
  async departments(): Promise<Department[]> {
    return (await trpc.users.departments.query()) as Department[];
  },
  async createUser(input: {
    login: string;
    name: string;
    departmentId: string | null;
    password: string;
    roles: string[];
    managedDepartmentIds?: string[];
  }): Promise<UserRow> {
    return (await trpc.users.create.mutate(input)) as UserRow;
  },
  async setRoles(userId: string, roles: string[]): Promise<void> {
    await trpc.users.setRoles.mutate({ userId, roles });
  },
  async setDepartment(
    userId: string,
    departmentId: string | null,
    managedDepartmentIds: string[],
  ): Promise<void> {
    await trpc.users.setDepartment.mutate({ userId, departmentId, managedDepartmentIds });
  },
  async createDepartment(name: string, parentId: string | null): Promise<Department> {
    return await trpc.users.createDepartment.mutate({ name, parentId });
  },
  /** Who may take over the leaver's customers (people who may own customers). */
  async successors(userId: string): Promise<{ id: string; name: string }[]> {
    return await trpc.users.successors.query({ userId });
  },
  /** Changes the caller's own password; their other sessions end. */
  async changeOwnPassword(current: string, next: string): Promise<{ sessionsRevoked: number }> {
    return await trpc.users.changeOwnPassword.mutate({ current, next });
  },
  /** An admin sets a new password for a user; all of that user's sessions end. */
  async resetPassword(userId: string, password: string): Promise<{ sessionsRevoked: number }> {
    return await trpc.users.resetPassword.mutate({ userId, password });
  },
  /** Hands every customer of the leaver to the successor; the counts say what happened. */
  async deactivateUser(
    userId: string,
    successorId: string,
  ): Promise<{ reassigned: number; sessionsRevoked: number }> {
    return await trpc.users.deactivate.mutate({ userId, successorId });
  },
};
