import { z } from 'zod';
import { CONSENT_CHANNELS, listConsents, recordConsent } from '../consents/recordConsent.js';
import { capabilityProcedure, router } from '../trpc.js';

const consentsProcedure = capabilityProcedure('consents.record');
const value = z.string().trim().min(1).max(200);

/** Consent per person and purpose (PIPL Art. 14–16, GDPR Art. 7) behind `consents.record`. */
export const consentsRouter = router({
  /** Records consent (`granted: true`) or its withdrawal; the value is a whole identifier. */
  record: consentsProcedure
    .input(
      z.strictObject({
        value,
        purpose: z.string().min(1).max(64),
        granted: z.boolean(),
        channel: z.enum(CONSENT_CHANNELS),
        wordingVersion: z.string().trim().min(1).max(64),
        evidence: z.string().max(2000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const doc = await recordConsent(ctx.services, input, { actor: ctx.session.userId, locale: ctx.locale });
      return { id: doc.id, purpose: doc.purpose, granted: doc.granted, at: doc.at };
    }),

  /** A person's consent history, newest first (a mutation: the value stays out of URLs). */
  list: consentsProcedure
    .input(z.strictObject({ value }))
    .mutation(({ ctx, input }) => listConsents(ctx.services, input.value, ctx.locale)),
});
