import type { WorkspacePolicy } from '@veil/schema';
import { parseTemplate } from '@veil/schema';
import { z } from 'zod';
import { VeilError } from '../errors/veilError.js';
import { capabilityProcedure, router } from '../trpc.js';

const workspaceProcedure = capabilityProcedure('workspace.manage');

const key = z.string().min(1).max(64);
const level = z.enum(['full', 'reveal', 'masked', 'hidden']);
const relations = z.array(z.enum(['owner', 'team', 'any']));
const accessRule = z.union([
  level,
  z.strictObject({ owner: level.optional(), team: level.optional(), any: level.optional() }),
]);
const i18n = z.record(z.string(), z.strictObject({ title: z.string().max(200).optional() })).optional();
const levelDefault = z.strictObject({
  access: z.record(key, accessRule),
  export: z.enum(['allow', 'masked', 'approval', 'deny']),
});
const roleKeys = z.array(key).max(100);
const byRelation = z.record(key, relations);
const capabilities = z.strictObject({
  'records.create': roleKeys.optional(),
  'records.delete': byRelation.optional(),
  'records.reassign': byRelation.optional(),
  'templates.publish': roleKeys.optional(),
  'users.manage': roleKeys.optional(),
  'audit.read': roleKeys.optional(),
  'reveal.reasons.read': roleKeys.optional(),
  'workspace.manage': roleKeys.optional(),
});
const policySchema = z.strictObject({
  roles: z
    .array(
      z.strictObject({
        id: key,
        kind: z.enum(['staff', 'external']),
        rowScope: z.enum(['own', 'team', 'all']),
        title: z.string().max(200).optional(),
        i18n,
      }),
    )
    .min(1)
    .max(100),
  purposes: z.array(z.strictObject({ id: key, title: z.string().min(1).max(500), i18n })).max(200),
  levelDefaults: z.strictObject({
    public: levelDefault,
    internal: levelDefault,
    confidential: levelDefault,
    restricted: levelDefault,
  }),
  editDefault: z.record(key, relations),
  exportApprovalRows: z.number().int().min(1).max(1_000_000),
  capabilities: capabilities.optional(),
});

export const workspaceRouter = router({
  get: workspaceProcedure.query(async ({ ctx }) => ctx.services.policies.workspacePolicy()),

  /** Replaces the policy (its version is bumped by the server); reports published templates that no longer parse. */
  update: workspaceProcedure
    .input(z.strictObject({ policy: policySchema }))
    .mutation(async ({ ctx, input }) => {
      const current = await ctx.services.policies.workspacePolicy();
      const ids = new Set<string>();
      for (const role of input.policy.roles) {
        if (ids.has(role.id)) throw new VeilError('invalid-input', `The role id "${role.id}" is used twice.`);
        ids.add(role.id);
      }
      if (!ids.has('admin')) throw new VeilError('invalid-input', 'The workspace needs an "admin" role.');
      const next = { ...input.policy, version: current.version + 1 } as WorkspacePolicy;
      const published = await ctx.services.store.listDocs('templates');
      const latest = new Map<string, (typeof published)[number]>();
      for (const doc of published)
        if ((latest.get(doc.templateId)?.version ?? 0) < doc.version) latest.set(doc.templateId, doc);
      const broken: {
        templateId: string;
        version: number;
        errors: { path: string; code: string; message: string }[];
      }[] = [];
      for (const doc of latest.values()) {
        const parsed = parseTemplate(doc.template, next);
        if (parsed.status === 'error')
          broken.push({ templateId: doc.templateId, version: doc.version, errors: parsed.errors });
        else await ctx.services.store.registerTemplate(parsed.template);
      }
      await ctx.services.store.putDoc(
        'workspace',
        {
          id: 'workspace',
          policy: next,
          updatedAt: ctx.services.now().toISOString(),
          updatedBy: ctx.session.userId,
        },
        {
          actor: ctx.session.userId,
          action: 'workspace.update',
          target: 'workspace',
          details: { version: next.version, broken: broken.map((b) => b.templateId) },
        },
      );
      ctx.services.policies.invalidate();
      return { version: next.version, broken };
    }),
});
