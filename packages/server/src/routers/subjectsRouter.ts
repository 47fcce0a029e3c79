import { z } from 'zod';
import { eraseSubject } from '../subjects/eraseSubject.js';
import { findSubject } from '../subjects/findSubject.js';
import { listHolds, placeHold, releaseHold } from '../subjects/legalHolds.js';
import { reportSubject } from '../subjects/reportSubject.js';
import { capabilityProcedure, router } from '../trpc.js';

const subjectsProcedure = capabilityProcedure('subjects.manage');

/** A whole phone number, e-mail or ID number; never logged, never audited (only its keyed reference). */
const value = z.string().trim().min(1).max(200);

/**
 * Data-subject requests (PIPL Art. 44–47, GDPR Art. 15–17, CCPA know/delete), behind
 * `subjects.manage` (compliance by default). Answers name records and fields, never values.
 */
export const subjectsRouter = router({
  /**
   * Where a person is held: records and array items matching a whole value in a subject field.
   * A mutation, so the value travels in the body, never in a URL a proxy might log.
   */
  search: subjectsProcedure.input(z.strictObject({ value })).mutation(async ({ ctx, input }) => {
    const found = await findSubject(ctx.services, input.value, ctx.locale);
    await ctx.services.store.appendAudit({
      actor: ctx.session.userId,
      action: 'subject.search',
      target: 'subjects',
      details: { records: found.hits.length },
    });
    return { hits: found.hits };
  }),

  /** The access report: fields held, purposes, retention, who read them; recorded and audited. */
  report: subjectsProcedure.input(z.strictObject({ value })).mutation(async ({ ctx, input }) => {
    const found = await findSubject(ctx.services, input.value, ctx.locale);
    return reportSubject(ctx.services, found, { actor: ctx.session.userId, locale: ctx.locale });
  }),

  /** Erasure everywhere, with crypto-shredding of the records' keys; refused under a legal hold. */
  erase: subjectsProcedure
    .input(
      z.strictObject({
        value,
        identityCheck: z.enum(['id-document', 'known-contact', 'signed-request', 'other']),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const found = await findSubject(ctx.services, input.value, ctx.locale);
      return eraseSubject(ctx.services, found, {
        actor: ctx.session.userId,
        identityCheck: input.identityCheck,
        locale: ctx.locale,
      });
    }),

  /** Places a legal hold on a person: erasure (and retention) pause for them. */
  hold: subjectsProcedure
    .input(z.strictObject({ value, reason: z.string().trim().min(3).max(2000) }))
    .mutation(async ({ ctx, input }) => {
      const found = await findSubject(ctx.services, input.value, ctx.locale);
      const hold = await placeHold(ctx.services, found, { actor: ctx.session.userId, reason: input.reason });
      return { id: hold.id, records: hold.records.length, createdAt: hold.createdAt };
    }),

  releaseHold: subjectsProcedure
    .input(z.strictObject({ holdId: z.string().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const released = await releaseHold(ctx.services, {
        actor: ctx.session.userId,
        holdId: input.holdId,
        locale: ctx.locale,
      });
      return { id: released.id, releasedAt: released.releasedAt ?? null };
    }),

  holds: subjectsProcedure.query(async ({ ctx }) => listHolds(ctx.services)),
});
