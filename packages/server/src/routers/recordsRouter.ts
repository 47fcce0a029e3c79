import {
  type AuditChange,
  type AuditDetails,
  can,
  type FieldChange,
  guardDelete,
  ownerScopeOf,
  type ProjectedRecord,
  type Query,
  type ScopeCondition,
  type VeilRecord,
  type Viewer,
} from '@veil/policy';
import type { Relation } from '@veil/schema';
import { normalizeExact, type RecordQuery, type RecordScope } from '@veil/store';
import { z } from 'zod';
import { VeilError } from '../errors/veilError.js';
import { createOnce, idempotentIds } from '../services/idempotentIds.js';
import type { LoadedTemplate } from '../services/policyRegistry.js';
import {
  applyChanges,
  joinPointer,
  leafPointersUnder,
  parsePointer,
  validateData,
} from '../services/recordData.js';
import { scanChanges } from '../services/scanFreeText.js';
import type { Services } from '../services/services.js';
import { withStore } from '../services/storeErrors.js';
import { authedProcedure, type RequestContext, router } from '../trpc.js';

const id = z.string().min(1).max(200);
const pointer = z.string().max(1000).regex(/^\//, 'must be a JSON pointer starting with "/"');
const change = z.strictObject({ pointer, value: z.unknown() });
const filterOp = z.enum(['eq', 'neq', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists']);
const queryShape = {
  filters: z
    .array(z.strictObject({ field: pointer, op: filterOp, value: z.unknown().optional() }))
    .max(50)
    .optional(),
  sort: z
    .array(z.strictObject({ field: pointer, dir: z.enum(['asc', 'desc']) }))
    .max(10)
    .optional(),
  search: z
    .strictObject({ text: z.string().min(1).max(200), fields: z.array(pointer).min(1).max(50) })
    .optional(),
  match: z
    .array(z.strictObject({ field: pointer, value: z.string().min(1).max(200) }))
    .max(10)
    .optional(),
  /** Count rows per value of one field (answered in `groups`). */
  groupBy: z.array(pointer).max(1).optional(),
};

type Ctx = RequestContext & { session: NonNullable<RequestContext['session']> };

interface Scene {
  services: Services;
  loaded: LoadedTemplate;
  viewer: Viewer;
  actor: string;
  locale: 'zh-CN' | 'en';
}

async function sceneOf(ctx: Ctx, templateId: string): Promise<Scene> {
  const loaded = await ctx.services.policies.load(templateId);
  const viewer = await ctx.services.policies.viewerFor(ctx.session.principal);
  return { services: ctx.services, loaded, viewer, actor: ctx.session.userId, locale: ctx.locale };
}

const NOT_FOUND = 'No such record.';

/** The record if the viewer's row scope admits it; otherwise it does not exist. */
async function recordInScope(
  scene: Scene,
  recordId: string,
): Promise<{ record: VeilRecord; relation: Relation }> {
  const record = await scene.services.store.getRecord(scene.loaded.sanitized.id, recordId);
  if (!record) throw new VeilError('not-found', NOT_FOUND);
  const relation = scene.loaded.policyFor(scene.locale).relationOf(record, scene.viewer);
  if (relation === null) throw new VeilError('not-found', NOT_FOUND);
  return { record, relation };
}

async function revealedFor(scene: Scene, recordId: string): Promise<Set<string>> {
  const now = scene.services.now().toISOString();
  const grants = await scene.services.store.listDocs('revealGrants', { userId: scene.actor, recordId });
  return new Set(grants.filter((g) => g.expiresAt > now).map((g) => g.pointer));
}

/** The viewer's view of a record (found PII in scanned free text masked by `projectRecord`). */
function project(scene: Scene, record: VeilRecord, revealed?: Set<string>): ProjectedRecord | null {
  return scene.loaded
    .policyFor(scene.locale)
    .projectRecord(record, scene.viewer, revealed ? { revealed } : undefined);
}

function details(scene: Scene, change: AuditChange): AuditDetails {
  return scene.loaded.policyFor(scene.locale).auditDetails(change, scene.viewer) as AuditDetails;
}

async function auditRead(scene: Scene, records: VeilRecord[], action: string, target: string): Promise<void> {
  await scene.services.store.appendAudit({
    actor: scene.actor,
    action,
    target,
    details: {
      ...details(scene, { kind: 'read', records: records.map((record) => ({ record })) }),
      templateId: scene.loaded.sanitized.id,
    },
  });
}

function refuseWrite(refusals: { pointer: string; reason: string }[]): never {
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

/**
 * The store's scope for a query: the condition `guardQuery` returned (row scope narrowed for
 * blind-index matches), as owner ids while the store still filters on them.
 */
async function storeScope(scene: Scene, scope: ScopeCondition): Promise<RecordScope> {
  if (scope.relations.length === 3) return { kind: 'all' };
  const users = await scene.services.store.listDocs('users');
  return ownerScopeOf(
    scope,
    users.map((u) => u.id),
    scene.viewer.departmentOf,
  );
}

/** Refuses the query with every offending field named, or returns its scope condition. */
function guardQuery(scene: Scene, query: Query): ScopeCondition {
  const compiled = scene.loaded.policyFor(scene.locale);
  const result = compiled.guardQuery(query, scene.viewer);
  if (result.status === 'refused') {
    const refusals = result.refusals;
    throw new VeilError(
      'query-refused',
      `This query uses fields you may not filter, sort or search on: ${refusals.map((r) => `${r.field} (${r.clause}: ${r.reason})`).join(', ')}.`,
      {
        issues: refusals.map((r) => ({
          path: r.field,
          code: r.reason,
          message: `Not allowed in ${r.clause}.`,
        })),
      },
    );
  }
  return result.scope;
}

function valuesOf(record: VeilRecord, segments: readonly string[]): unknown[] {
  const values: unknown[] = [];
  const walk = (value: unknown, rest: readonly string[]): void => {
    const [head, ...tail] = rest;
    if (head === undefined) values.push(value);
    else if (head === '*') {
      if (Array.isArray(value)) for (const v of value) walk(v, tail);
    } else if (value && typeof value === 'object' && Object.hasOwn(value, head)) {
      walk((value as Record<string, unknown>)[head], tail);
    }
  };
  walk(record.data, segments);
  return values;
}

function groupRows(scene: Scene, rows: VeilRecord[], path: string): { value: unknown; count: number }[] {
  const field = scene.loaded.sanitized.fields.find((f) => f.path === path);
  if (!field) return [];
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const row of rows) {
    const values = valuesOf(row, field.segments);
    for (const value of values.length > 0
      ? new Set(values.map((v) => JSON.stringify(v ?? null)))
      : ['null']) {
      const group = counts.get(value) ?? { value: JSON.parse(value) as unknown, count: 0 };
      group.count += 1;
      counts.set(value, group);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

function searchHits(record: VeilRecord, fields: string[], text: string, scene: Scene): boolean {
  const needle = text.toLowerCase();
  return fields.some((path) => {
    const field = scene.loaded.sanitized.fields.find((f) => f.path === path);
    if (!field) return false;
    const values: unknown[] = [];
    const walk = (value: unknown, segments: string[]): void => {
      const [head, ...rest] = segments;
      if (head === undefined) {
        values.push(value);
      } else if (head === '*') {
        if (Array.isArray(value)) for (const v of value) walk(v, rest);
      } else if (value && typeof value === 'object' && Object.hasOwn(value, head)) {
        walk((value as Record<string, unknown>)[head], rest);
      }
    };
    walk(record.data, field.segments);
    return values.some(
      (v) => (typeof v === 'string' || typeof v === 'number') && String(v).toLowerCase().includes(needle),
    );
  });
}

export function todayOf(now: Date): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export const recordsRouter = router({
  /** The form for the viewer: creating (`id` omitted) or editing a record. */
  form: authedProcedure
    .input(z.strictObject({ templateId: id, id: id.optional() }))
    .query(async ({ ctx, input }) => {
      const scene = await sceneOf(ctx, input.templateId);
      const compiled = scene.loaded.policyFor(scene.locale);
      if (input.id === undefined) {
        return {
          templateVersion: scene.loaded.doc.version,
          ...compiled.projectForm(scene.viewer, 'create', scene.locale),
        };
      }
      const { relation } = await recordInScope(scene, input.id);
      return {
        templateVersion: scene.loaded.doc.version,
        ...compiled.projectForm(scene.viewer, { relation }, scene.locale),
      };
    }),

  create: authedProcedure
    .input(
      z.strictObject({
        templateId: id,
        changes: z.array(change).max(2000),
        /** A retry with the same key (per user) returns the record made the first time. */
        idempotencyKey: z
          .string()
          .regex(/^[A-Za-z0-9_-]{8,100}$/)
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const scene = await sceneOf(ctx, input.templateId);
      const ids = input.idempotencyKey
        ? idempotentIds(scene.actor, input.templateId, input.idempotencyKey)
        : { recordId: scene.services.newId(), newId: scene.services.newId };
      const compiled = scene.loaded.policyFor(scene.locale);
      if (!can(compiled.policy, scene.viewer.principal, 'records.create'))
        throw new VeilError('forbidden', 'You may not create records (capability "records.create").');
      const changes = input.changes as FieldChange[];
      const guard = compiled.guardWrite(changes, scene.viewer);
      if (guard.status === 'refused') refuseWrite(guard.refusals);
      const ownerSegments = parsePointer(scene.loaded.sanitized.owner);
      const base: Record<string, unknown> = {};
      const applied = applyChanges(
        base,
        [{ pointer: joinPointer(ownerSegments), value: scene.actor }, ...changes],
        ids.newId,
      );
      const issues = validateData(scene.loaded.validate, applied.data, scene.loaded.sanitized);
      if (issues.length > 0)
        throw new VeilError('validation-failed', 'The record is not valid; fix the listed fields.', {
          issues,
        });
      const now = scene.services.now().toISOString();
      const record: VeilRecord = {
        id: ids.recordId,
        templateId: scene.loaded.sanitized.id,
        templateVersion: scene.loaded.doc.version,
        version: 1,
        createdAt: now,
        updatedAt: now,
        data: applied.data,
      };
      const create = () =>
        scene.services.store.createRecord({
          record,
          audit: {
            actor: scene.actor,
            action: 'record.create',
            target: record.id,
            details: details(scene, { kind: 'create', record }),
          },
        });
      const stored = input.idempotencyKey
        ? await withStore(() => createOnce(scene.services.store, record, create))
        : await withStore(create);
      return {
        record: project(scene, stored),
        assignedIds: applied.assignedIds,
        pii: scanChanges(scene.loaded.sanitized, changes),
      };
    }),

  update: authedProcedure
    .input(
      z.strictObject({
        templateId: id,
        id,
        version: z.number().int().min(1),
        changes: z.array(change).max(2000),
        removeItems: z.array(pointer).max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const scene = await sceneOf(ctx, input.templateId);
      const compiled = scene.loaded.policyFor(scene.locale);
      const { record } = await recordInScope(scene, input.id);
      const removals = (input.removeItems ?? []).flatMap((p) =>
        leafPointersUnder(scene.loaded.sanitized, record.data, p).map((leaf) => ({
          pointer: leaf,
          value: null,
        })),
      );
      const changes = input.changes as FieldChange[];
      const guard = compiled.guardWrite([...changes, ...removals], scene.viewer, record);
      if (guard.status === 'refused') refuseWrite(guard.refusals);
      if (record.version !== input.version) {
        throw new VeilError(
          'conflict',
          'Someone changed this record meanwhile; reload it and apply your change again.',
        );
      }
      const applied = applyChanges(record.data, changes, scene.services.newId, input.removeItems ?? []);
      const issues = validateData(scene.loaded.validate, applied.data, scene.loaded.sanitized);
      if (issues.length > 0)
        throw new VeilError('validation-failed', 'The record is not valid; fix the listed fields.', {
          issues,
        });
      const next: VeilRecord = {
        ...record,
        templateVersion: scene.loaded.doc.version,
        version: record.version + 1,
        updatedAt: scene.services.now().toISOString(),
        data: applied.data,
      };
      const stored = await withStore(() =>
        scene.services.store.updateRecord({
          record: next,
          expectedVersion: record.version,
          audit: {
            actor: scene.actor,
            action: 'record.update',
            target: record.id,
            details: details(scene, {
              kind: 'write',
              record: next,
              changedPaths: applied.patches.map((p) => p.path),
            }),
          },
        }),
      );
      return {
        record: project(scene, stored, await revealedFor(scene, record.id)),
        assignedIds: applied.assignedIds,
        changed: applied.patches.length,
        pii: scanChanges(scene.loaded.sanitized, changes),
      };
    }),

  get: authedProcedure.input(z.strictObject({ templateId: id, id })).query(async ({ ctx, input }) => {
    const scene = await sceneOf(ctx, input.templateId);
    const { record } = await recordInScope(scene, input.id);
    const projected = project(scene, record, await revealedFor(scene, record.id));
    if (!projected) throw new VeilError('not-found', NOT_FOUND);
    await auditRead(scene, [record], 'record.read', record.id);
    return projected;
  }),

  list: authedProcedure
    .input(
      z.strictObject({
        templateId: id,
        ...queryShape,
        limit: z.number().int().min(1).max(200).optional(),
        cursor: z.string().max(500).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const scene = await sceneOf(ctx, input.templateId);
      const query: Query = {};
      if (input.filters) query.filters = input.filters;
      if (input.sort) query.sort = input.sort;
      if (input.search) query.search = input.search;
      if (input.match) query.match = input.match;
      if (input.groupBy) query.groupBy = input.groupBy;
      const scope = await storeScope(scene, guardQuery(scene, query));
      const limit = input.limit ?? 50;
      const base: RecordQuery = { scope };
      if (input.filters) base.filters = input.filters;
      if (input.sort) base.sort = input.sort;
      if (input.match) {
        base.match = input.match.map((m) => ({
          field: m.field,
          value: normalizeExact(m.value),
        }));
      }
      let records: VeilRecord[];
      let nextCursor: string | null;
      let total: number;
      let groups: { value: unknown; count: number }[] | undefined;
      if (input.search || input.groupBy) {
        // The store has no substring search or grouping; the server scans the scoped, filtered rows.
        const all: VeilRecord[] = [];
        let cursor: string | undefined;
        do {
          const page = await scene.services.store.queryRecords(scene.loaded.sanitized.id, {
            ...base,
            limit: 1000,
            ...(cursor ? { cursor } : {}),
          });
          all.push(...page.records);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        const search = input.search;
        const hits = search ? all.filter((r) => searchHits(r, search.fields, search.text, scene)) : all;
        const groupField = input.groupBy?.[0];
        if (groupField !== undefined) groups = groupRows(scene, hits, groupField);
        const offset = input.cursor?.startsWith('s:') ? Number(input.cursor.slice(2)) || 0 : 0;
        records = hits.slice(offset, offset + limit);
        nextCursor = offset + limit < hits.length ? `s:${offset + limit}` : null;
        total = hits.length;
      } else {
        const page = await withStore(() =>
          scene.services.store.queryRecords(scene.loaded.sanitized.id, {
            ...base,
            limit,
            ...(input.cursor ? { cursor: input.cursor } : {}),
          }),
        );
        records = page.records;
        nextCursor = page.nextCursor;
        total = page.total;
      }
      const rows = records.map((r) => project(scene, r)).filter((r): r is ProjectedRecord => r !== null);
      await auditRead(scene, records, 'record.list', scene.loaded.sanitized.id);
      return { rows, nextCursor, total, ...(groups ? { groups } : {}) };
    }),

  /** Records whose due date is today or earlier, in the viewer's scope. */
  dueToday: authedProcedure.input(z.strictObject({ templateId: id })).query(async ({ ctx, input }) => {
    const scene = await sceneOf(ctx, input.templateId);
    const { due, dueRules } = scene.loaded.sanitized;
    if (!due) return { today: todayOf(scene.services.now()), rows: [], available: true };
    const today = todayOf(scene.services.now());
    // Closed records (won, lost …) leave the list; the list is built on the stage, so a viewer who
    // may not read the stage (or the due date) in full has no due list at all — never a filter on
    // a field they may not read.
    const closed = dueRules?.closed;
    const query: Query = {
      filters: [
        { field: due, op: 'lte', value: today },
        ...(closed ? closed.values.map((value) => ({ field: closed.field, op: 'neq' as const, value })) : []),
      ],
      sort: [{ field: due, dir: 'asc' }],
    };
    const guarded = scene.loaded.policyFor(scene.locale).guardQuery(query, scene.viewer);
    if (guarded.status === 'refused') return { today, rows: [], available: false };
    const page = await scene.services.store.queryRecords(scene.loaded.sanitized.id, {
      filters: query.filters ?? [],
      sort: query.sort ?? [],
      scope: await storeScope(scene, guarded.scope),
      limit: 200,
    });
    const rows = page.records.map((r) => project(scene, r)).filter((r): r is ProjectedRecord => r !== null);
    await auditRead(scene, page.records, 'record.due-today', scene.loaded.sanitized.id);
    return { today, rows, available: true };
  }),

  history: authedProcedure.input(z.strictObject({ templateId: id, id })).query(async ({ ctx, input }) => {
    const scene = await sceneOf(ctx, input.templateId);
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
        const v = versions[i]!;
        return p ? { ...p, supersededAt: v.supersededAt, supersededBy: v.supersededBy } : null;
      })
      .filter((p) => p !== null);
    await auditRead(scene, asRecords.length > 0 ? asRecords : [record], 'record.history', record.id);
    return { versions: projected };
  }),

  /** Shows one `reveal` field in full for a while, after a reason that is kept and audited. */
  reveal: authedProcedure
    .input(z.strictObject({ templateId: id, id, pointer, reason: z.string().trim().min(5).max(500) }))
    .mutation(async ({ ctx, input }) => {
      const scene = await sceneOf(ctx, input.templateId);
      const { record } = await recordInScope(scene, input.id);
      const projected = project(scene, record);
      if (!projected?.revealable.includes(input.pointer)) {
        throw new VeilError('forbidden', 'This value cannot be revealed by you.');
      }
      const reasonId = await scene.services.store.putNote(input.reason);
      const now = scene.services.now();
      const expiresAt = new Date(now.getTime() + scene.services.config.revealMs).toISOString();
      await scene.services.store.putDoc(
        'revealGrants',
        {
          id: scene.services.newId(),
          userId: scene.actor,
          templateId: scene.loaded.sanitized.id,
          recordId: record.id,
          pointer: input.pointer,
          reasonId,
          grantedAt: now.toISOString(),
          expiresAt,
        },
        {
          actor: scene.actor,
          action: 'record.reveal',
          target: record.id,
          details: details(scene, { kind: 'reveal', record, pointer: input.pointer, reasonId }),
        },
      );
      const revealed = project(scene, record, await revealedFor(scene, record.id));
      return { expiresAt, record: revealed };
    }),

  delete: authedProcedure
    .input(z.strictObject({ templateId: id, id, version: z.number().int().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const scene = await sceneOf(ctx, input.templateId);
      const { record, relation } = await recordInScope(scene, input.id);
      const policy = scene.loaded.policyFor(scene.locale).policy;
      if (guardDelete(policy, scene.viewer.principal, relation).status !== 'allowed')
        throw new VeilError('forbidden', 'You may not delete this record (capability "records.delete").');
      await withStore(() =>
        scene.services.store.deleteRecord({
          templateId: scene.loaded.sanitized.id,
          id: record.id,
          expectedVersion: input.version,
          audit: {
            actor: scene.actor,
            action: 'record.delete',
            target: record.id,
            details: details(scene, { kind: 'delete', record }),
          },
        }),
      );
      return { deleted: true as const };
    }),
});
