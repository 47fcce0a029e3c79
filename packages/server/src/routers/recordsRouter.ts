import type { FieldChange } from '@veil/policy';
import { z } from 'zod';
import { createRecord } from '../records/createRecord.js';
import { deleteRecord } from '../records/deleteRecord.js';
import { listDueToday, listRecords } from '../records/listRecords.js';
import { readRecord, recordForm, recordHistory } from '../records/readRecord.js';
import type { RecordsCaller } from '../records/recordScene.js';
import { revealValue } from '../records/revealValue.js';
import { updateRecord } from '../records/updateRecord.js';
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

/** The records operations' caller: the session's principal, never input. */
function callerOf(ctx: Ctx): RecordsCaller {
  return { services: ctx.services, principal: ctx.session.principal, locale: ctx.locale };
}

/** Each procedure validates its input and calls one records operation (`../records/`). */
export const recordsRouter = router({
  /** The form for the viewer: creating (`id` omitted) or editing a record. */
  form: authedProcedure
    .input(z.strictObject({ templateId: id, id: id.optional() }))
    .query(({ ctx, input }) => recordForm(callerOf(ctx), input)),

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
    .mutation(({ ctx, input }) =>
      createRecord(callerOf(ctx), {
        templateId: input.templateId,
        changes: input.changes as FieldChange[],
        idempotencyKey: input.idempotencyKey,
      }),
    ),

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
    .mutation(({ ctx, input }) =>
      updateRecord(callerOf(ctx), { ...input, changes: input.changes as FieldChange[] }),
    ),

  get: authedProcedure
    .input(z.strictObject({ templateId: id, id }))
    .query(({ ctx, input }) => readRecord(callerOf(ctx), input)),

  list: authedProcedure
    .input(
      z.strictObject({
        templateId: id,
        ...queryShape,
        /** The search box: looked for in what the viewer reads in full (`planSearch`). */
        find: z.string().trim().min(1).max(200).optional(),
        limit: z.number().int().min(1).max(200).optional(),
        cursor: z.string().max(2000).optional(),
      }),
    )
    .query(({ ctx, input }) => listRecords(callerOf(ctx), input)),

  /** Records whose due date is today or earlier, in the viewer's scope. */
  dueToday: authedProcedure
    .input(z.strictObject({ templateId: id }))
    .query(({ ctx, input }) => listDueToday(callerOf(ctx), input)),

  history: authedProcedure
    .input(z.strictObject({ templateId: id, id }))
    .query(({ ctx, input }) => recordHistory(callerOf(ctx), input)),

  /** Shows one `reveal` field in full for a while, after a reason that is kept and audited. */
  reveal: authedProcedure
    .input(z.strictObject({ templateId: id, id, pointer, reason: z.string().trim().min(5).max(500) }))
    .mutation(({ ctx, input }) => revealValue(callerOf(ctx), input)),

  delete: authedProcedure
    .input(z.strictObject({ templateId: id, id, version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => deleteRecord(callerOf(ctx), input)),
});
