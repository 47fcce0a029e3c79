import { previewRetention, runRetention } from '../retention/runRetention.js';
import { capabilityProcedure, router } from '../trpc.js';

const retentionProcedure = capabilityProcedure('retention.run');

/** Retention (PIPL Art. 19, GDPR Art. 5(1)(e)) behind `retention.run`: preview first, then run. */
export const retentionRouter = router({
  preview: retentionProcedure.query(({ ctx }) =>
    previewRetention(ctx.services, ctx.session.userId, ctx.locale),
  ),
  run: retentionProcedure.mutation(({ ctx }) =>
    runRetention(ctx.services, { actor: ctx.session.userId, locale: ctx.locale }),
  ),
});
