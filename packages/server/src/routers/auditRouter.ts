import type { AuditEntry } from '@veil/store';
import { z } from 'zod';
import { capabilityProcedure, router } from '../trpc.js';

const auditProcedure = capabilityProcedure('audit.read');

const iso = z.iso.datetime({ offset: true });

export const auditRouter = router({
  list: auditProcedure
    .input(
      z
        .strictObject({
          actor: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          record: z.string().max(200).optional(),
          from: iso.optional(),
          to: iso.optional(),
          limit: z.number().int().min(1).max(500).optional(),
          cursor: z.string().max(500).optional(),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const { record, ...rest } = input ?? {};
      const filter = Object.fromEntries(
        Object.entries({ ...rest, target: record }).filter(([, v]) => v !== undefined),
      );
      return ctx.services.store.listAudit(filter);
    }),

  verify: auditProcedure
    .input(
      z
        .strictObject({
          checkpoints: z
            .array(
              z.strictObject({
                seq: z.number().int().min(0),
                headHash: z.string().max(128),
                at: z.string().max(64),
                signature: z.string().max(512),
                publicKey: z.string().max(2000),
              }),
            )
            .max(100)
            .optional(),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const result = await ctx.services.store.verifyAudit(
        input?.checkpoints ? { checkpoints: input.checkpoints } : {},
      );
      // The stored records too (files against the manifest, each record against its MAC).
      const records = await ctx.services.checkIntegrity?.();
      await ctx.services.store.appendAudit({
        actor: ctx.session.userId,
        action: 'audit.verify',
        target: 'audit',
        details: { ok: result.ok, ...(records ? { recordsOk: records.ok } : {}) },
      });
      return records ? { ...result, records } : result;
    }),

  /** A range of entries as JSON lines (the stored shape). */
  export: auditProcedure
    .input(
      z.strictObject({
        fromSeq: z.number().int().min(1).optional(),
        toSeq: z.number().int().min(1).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const entries: AuditEntry[] = [];
      const range = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      for await (const entry of ctx.services.store.exportAudit(range)) {
        entries.push(entry);
        if (entries.length >= 100_000) break;
      }
      await ctx.services.store.appendAudit({
        actor: ctx.session.userId,
        action: 'audit.export',
        target: 'audit',
        details: {
          fromSeq: entries[0]?.seq ?? null,
          toSeq: entries.at(-1)?.seq ?? null,
          count: entries.length,
        },
      });
      return { jsonl: entries.map((e) => JSON.stringify(e)).join('\n'), count: entries.length };
    }),

  checkpoint: auditProcedure.mutation(async ({ ctx }) => {
    const checkpoint = await ctx.services.store.exportCheckpoint();
    await ctx.services.store.appendAudit({
      actor: ctx.session.userId,
      action: 'audit.checkpoint',
      target: 'audit',
      details: { seq: checkpoint.seq },
    });
    return checkpoint;
  }),
});
