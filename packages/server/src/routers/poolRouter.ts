import { z } from 'zod';
import { claimRecord } from '../pool/claimRecord.js';
import { listPool } from '../pool/listPool.js';
import { releaseRecord } from '../pool/releaseRecord.js';
import type { RecordsCaller } from '../records/recordScene.js';
import { authedProcedure, type RequestContext, router } from '../trpc.js';

const id = z.string().min(1).max(200);
const move = z.strictObject({ templateId: id, id, version: z.number().int().min(1) });

type Ctx = RequestContext & { session: NonNullable<RequestContext['session']> };

function callerOf(ctx: Ctx): RecordsCaller {
  return { services: ctx.services, principal: ctx.session.principal, locale: ctx.locale };
}

/** The shared pool (公海): customers nobody owns, seen as policy allows, claimed by a rep (`../pool/`). */
export const poolRouter = router({
  list: authedProcedure
    .input(
      z.strictObject({
        templateId: id,
        limit: z.number().int().min(1).max(200).optional(),
        cursor: z.string().max(2000).optional(),
      }),
    )
    .query(({ ctx, input }) => listPool(callerOf(ctx), input)),
  /** The caller becomes the owner. */
  claim: authedProcedure.input(move).mutation(({ ctx, input }) => claimRecord(callerOf(ctx), input)),
  /** Returns one of the caller's (or their team's) customers to the pool. */
  release: authedProcedure.input(move).mutation(({ ctx, input }) => releaseRecord(callerOf(ctx), input)),
});
