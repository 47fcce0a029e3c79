import { z } from 'zod';
import { SHEET_ENCODINGS } from '../imports/decodeSheetText.js';
import { previewImport } from '../imports/previewImport.js';
import { cancelImport, dryRunImport, importStatus, startImport } from '../imports/runImport.js';
import type { RecordsCaller } from '../records/recordScene.js';
import { authedProcedure, type RequestContext, router } from '../trpc.js';

const id = z.string().min(1).max(200);
const letter = z.string().regex(/^[A-Z]{1,3}$/, 'a column letter such as A or AB');
const pointer = z.string().max(1000).regex(/^\//, 'must be a JSON pointer starting with "/"');
const sheet = {
  /** From `POST /imports/upload`. */
  uploadId: id,
  templateId: id,
  encoding: z.enum(SHEET_ENCODINGS).optional(),
  headerRow: z.number().int().min(1).max(50).optional(),
};
const settings = z.strictObject({
  ...sheet,
  mapping: z.array(z.strictObject({ column: letter, field: pointer.nullable() })).max(500),
  owner: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('importer') }),
    z.strictObject({ kind: z.literal('column'), column: letter }),
  ]),
  mode: z.enum(['all-or-none', 'valid-rows']).optional(),
});

type Ctx = RequestContext & { session: NonNullable<RequestContext['session']> };

function callerOf(ctx: Ctx): RecordsCaller {
  return { services: ctx.services, principal: ctx.session.principal, locale: ctx.locale };
}

/** Importing a spreadsheet of customers: preview, dry run, and the job (`../imports/`). */
export const importsRouter = router({
  /** The header, first rows, suggested mapping and flags of an uploaded sheet. */
  preview: authedProcedure
    .input(z.strictObject(sheet))
    .query(({ ctx, input }) => previewImport(callerOf(ctx), input)),
  /** Validates every row and checks duplicates (撞单) without writing a record. */
  dryRun: authedProcedure.input(settings).mutation(({ ctx, input }) => dryRunImport(callerOf(ctx), input)),
  /** Starts the import job: all rows or none. */
  start: authedProcedure.input(settings).mutation(({ ctx, input }) => startImport(callerOf(ctx), input)),
  status: authedProcedure
    .input(z.strictObject({ jobId: id }))
    .query(({ ctx, input }) => importStatus(callerOf(ctx), input.jobId)),
  cancel: authedProcedure
    .input(z.strictObject({ jobId: id }))
    .mutation(({ ctx, input }) => cancelImport(callerOf(ctx), input.jobId)),
});
