import { checkPolicyChange } from '@veil/policy';
import {
  diffWorkspacePolicy,
  parseTemplate,
  type WorkspacePolicy,
  type WorkspacePolicyChange,
} from '@veil/schema';
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
  'people.names': roleKeys.optional(),
  'records.claim': roleKeys.optional(),
  'records.release': byRelation.optional(),
  'subjects.manage': roleKeys.optional(),
  'retention.run': roleKeys.optional(),
  'consents.record': roleKeys.optional(),
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

  /**
   * Saves a new version of the policy (the server bumps the version). Refused, naming what, when
   * it would break a published template, take away a role users hold or leave nobody with
   * `workspace.manage`; a change that weakens privacy needs `confirm: true`. Every version is
   * kept, and the audit entry lists what changed (paths, roles, relations, old and new levels).
   */
  update: workspaceProcedure
    .input(z.strictObject({ policy: policySchema, confirm: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      const { store, policies } = ctx.services;
      const current = await policies.workspacePolicy();
      const next = { ...input.policy, version: current.version + 1 } as WorkspacePolicy;
      const published = await store.listDocs('templates');
      const latest = new Map<string, (typeof published)[number]>();
      for (const doc of published)
        if ((latest.get(doc.templateId)?.version ?? 0) < doc.version) latest.set(doc.templateId, doc);
      const users = await store.listDocs('users', { active: true });
      const refusals = checkPolicyChange(current, next, { templates: [...latest.values()], users });
      if (refusals.length > 0) {
        throw new VeilError(
          'invalid-input',
          `This policy cannot be saved: ${refusals.map((r) => r.message).join(' ')}`,
          { issues: refusals.map((r) => ({ path: r.path, code: r.code, message: r.message })) },
        );
      }
      const diff = diffWorkspacePolicy(current, next);
      if (diff.weakensPrivacy && input.confirm !== true) {
        const weakening = diff.changes.filter((c) => c.privacy === 'weakens');
        throw new VeilError(
          'confirmation-required',
          `This change weakens privacy (${weakening.length} change(s)); save again with confirm: true.`,
          { issues: weakening.map((c) => ({ path: c.path, code: c.kind, message: c.message })) },
        );
      }
      for (const doc of latest.values()) {
        const parsed = parseTemplate(doc.template, next);
        if (parsed.status === 'ok') await store.registerTemplate(parsed.template);
      }
      const now = ctx.services.now().toISOString();
      const actor = ctx.session.userId;
      // The version in force before the first change through this procedure is kept too.
      if (!(await store.getDoc('workspaceVersions', `v${current.version}`)))
        await store.putDoc('workspaceVersions', {
          id: `v${current.version}`,
          version: current.version,
          policy: current,
          savedAt: now,
          savedBy: 'system',
        });
      await store.putDoc('workspaceVersions', {
        id: `v${next.version}`,
        version: next.version,
        policy: next,
        savedAt: now,
        savedBy: actor,
      });
      await store.putDoc(
        'workspace',
        { id: 'workspace', policy: next, updatedAt: now, updatedBy: actor },
        {
          actor,
          action: 'workspace.update',
          target: 'workspace',
          details: {
            version: next.version,
            previousVersion: current.version,
            weakensPrivacy: diff.weakensPrivacy,
            confirmed: input.confirm === true,
            changes: diff.changes.map(auditedChange),
          },
        },
      );
      policies.invalidate();
      return { version: next.version, diff };
    }),

  /**
   * Every kept version of the workspace policy with what changed from the one before, newest
   * first: for compliance (`audit.read`) as much as for whoever manages the workspace.
   */
  history: capabilityProcedure('audit.read')
    .input(z.strictObject({ limit: z.number().int().min(1).max(100).optional() }).optional())
    .query(async ({ ctx, input }) => {
      const versions = (await ctx.services.store.listDocs('workspaceVersions')).sort(
        (a, b) => b.version - a.version,
      );
      const shown = versions.slice(0, input?.limit ?? 20);
      return shown.map((doc) => {
        const before = versions.find((v) => v.version < doc.version);
        return {
          version: doc.version,
          savedAt: doc.savedAt,
          savedBy: doc.savedBy,
          policy: doc.policy,
          diff: before ? diffWorkspacePolicy(before.policy, doc.policy) : null,
        };
      });
    }),
});

/** What the audit log keeps of a change: paths, roles, relations, capabilities and levels; never a value. */
function auditedChange(change: WorkspacePolicyChange): Record<string, string> {
  const out: Record<string, string> = { path: change.path, kind: change.kind };
  for (const key of ['privacy', 'role', 'relation', 'capability', 'from', 'to'] as const) {
    const value = change[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
