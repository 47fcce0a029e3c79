import { z } from 'zod';
import { approveExport, denyExport } from '../exports/decideExport.js';
import type { ExportActor } from '../exports/exportActor.js';
import { exportOptions } from '../exports/exportOptions.js';
import { listExportInbox, listMyExports, summarize } from '../exports/listExports.js';
import { previewExport } from '../exports/previewExport.js';
import { requestExport } from '../exports/requestExport.js';
import { traceExport } from '../exports/traceExport.js';
import { authedProcedure, capabilityProcedure, type RequestContext, router } from '../trpc.js';

const id = z.string().min(1).max(200);
const pointer = z.string().max(1000).regex(/^\//, 'must be a JSON pointer starting with "/"');
const filterOp = z.enum(['eq', 'neq', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists']);

const requestShape = z.strictObject({
  templateId: id,
  viewId: id.optional(),
  filters: z
    .array(z.strictObject({ field: pointer, op: filterOp, value: z.unknown().optional() }))
    .max(50)
    .optional(),
  sort: z
    .array(z.strictObject({ field: pointer, dir: z.enum(['asc', 'desc']) }))
    .max(10)
    .optional(),
  columns: z.array(pointer).min(1).max(200).optional(),
  purpose: id,
  format: z.enum(['csv', 'xlsx', 'json']),
});

type Ctx = RequestContext & { session: NonNullable<RequestContext['session']> };

function actorOf(ctx: Ctx): ExportActor {
  return {
    services: ctx.services,
    userId: ctx.session.userId,
    principal: ctx.session.principal,
    locale: ctx.locale,
  };
}

/** Strips optional keys zod gives as `undefined` (exact optional properties). */
function defined<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as never;
}

export const exportsRouter = router({
  /** The workspace's purposes, the approval threshold and share link lifetimes, for the dialogs. */
  options: authedProcedure.query(({ ctx }) => exportOptions(actorOf(ctx))),

  /** The plan before requesting: rows, columns kept, masked and dropped, whether approval is needed. */
  preview: authedProcedure
    .input(requestShape)
    .query(({ ctx, input }) => previewExport(actorOf(ctx), defined(input))),

  /** Requests an export; it waits for approval when the plan needs it. */
  request: authedProcedure
    .input(requestShape)
    .mutation(async ({ ctx, input }) => summarize(await requestExport(actorOf(ctx), defined(input)))),

  /** The caller's own exports with their status; download from `/exports/<id>/file`. */
  mine: authedProcedure.query(({ ctx }) => listMyExports(actorOf(ctx))),

  /** Exports waiting for the caller's decision. */
  inbox: authedProcedure.query(({ ctx }) => listExportInbox(actorOf(ctx))),

  approve: authedProcedure
    .input(z.strictObject({ exportId: id, comment: z.string().trim().max(500).optional() }))
    .mutation(async ({ ctx, input }) => summarize(await approveExport(actorOf(ctx), defined(input)))),

  deny: authedProcedure
    .input(z.strictObject({ exportId: id, reason: z.string().trim().min(3).max(500) }))
    .mutation(async ({ ctx, input }) => summarize(await denyExport(actorOf(ctx), input))),

  /** Compliance: which export(s) a leaked fragment came from. TODO(capabilities): `audit.read`. */
  trace: capabilityProcedure('audit.read')
    .input(z.strictObject({ text: z.string().min(1).max(200_000) }))
    .mutation(({ ctx, input }) => traceExport(actorOf(ctx), input)),
});
