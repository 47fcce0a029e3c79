import { z } from 'zod';
import type { ExportActor } from '../exports/exportActor.js';
import { createShare } from '../shares/createShare.js';
import { listMyShares, summarizeShare } from '../shares/listShares.js';
import { previewShare } from '../shares/previewShare.js';
import { revokeShare } from '../shares/revokeShare.js';
import { MAX_SHARE_RECORDS } from '../shares/shareInput.js';
import { shareSummaryText } from '../shares/shareSummaryText.js';
import { authedProcedure, type RequestContext, router } from '../trpc.js';

const id = z.string().min(1).max(200);
const pointer = z.string().max(1000).regex(/^\//, 'must be a JSON pointer starting with "/"');

const shareShape = {
  templateId: id,
  recordIds: z.array(id).min(1).max(MAX_SHARE_RECORDS),
  fields: z.array(pointer).min(1).max(100),
  recipientLabel: z.string().trim().min(1).max(80),
  purpose: id,
  maskPii: z.boolean().optional(),
};

type Ctx = RequestContext & { session: NonNullable<RequestContext['session']> };

function actorOf(ctx: Ctx): ExportActor {
  return {
    services: ctx.services,
    userId: ctx.session.userId,
    principal: ctx.session.principal,
    locale: ctx.locale,
  };
}

function defined<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as never;
}

export const sharesRouter = router({
  /** Exactly what the recipient will see, with free-text PII found. */
  preview: authedProcedure
    .input(z.strictObject(shareShape))
    .query(({ ctx, input }) => previewShare(actorOf(ctx), defined(input))),

  /** Creates a link; the token (and path) are returned this once. */
  create: authedProcedure
    .input(
      z.strictObject({
        ...shareShape,
        expiresInHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 365)
          .optional(),
        oneTime: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { share, token } = await createShare(actorOf(ctx), defined(input));
      return { ...summarizeShare(share, ctx.services.now().toISOString()), path: `/s/${token}` };
    }),

  /** The caller's links with their state. */
  mine: authedProcedure.query(({ ctx }) => listMyShares(actorOf(ctx))),

  revoke: authedProcedure
    .input(z.strictObject({ shareId: id }))
    .mutation(async ({ ctx, input }) =>
      summarizeShare(await revokeShare(actorOf(ctx), input), ctx.services.now().toISOString()),
    ),

  /** "Copy as text": a masked summary to paste into a chat in place of a link. */
  copyText: authedProcedure
    .input(z.strictObject(shareShape))
    .mutation(({ ctx, input }) => shareSummaryText(actorOf(ctx), defined(input))),
});
