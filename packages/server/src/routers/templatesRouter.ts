import { can, createViewer } from '@veil/policy';
import {
  describeProcessing,
  diffTemplates,
  lintTemplate,
  type Template,
  type TemplateView,
} from '@veil/schema';
import { z } from 'zod';
import { VeilError } from '../errors/veilError.js';
import { withStore } from '../services/storeErrors.js';
import { createTemplatePolicy } from '../services/templatePolicy.js';
import { authedProcedure, capabilityProcedure, router } from '../trpc.js';

const designProcedure = capabilityProcedure('templates.publish');

const templateId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and dashes');
// Templates are validated by @veil/schema's parseTemplate, which reports every problem as data.
const templateJson = z.record(z.string(), z.unknown());

function localized(
  title: string,
  i18n: Record<string, { title?: string }> | undefined,
  locale: string,
): string {
  return i18n?.[locale]?.title ?? title;
}

export const templatesRouter = router({
  /** Published templates every signed-in user can fill in; template designers also see drafts. */
  list: authedProcedure.query(async ({ ctx }) => {
    const { store } = ctx.services;
    const published = await store.listDocs('templates');
    const latest = new Map<string, (typeof published)[number]>();
    for (const doc of published) {
      const seen = latest.get(doc.templateId);
      if (!seen || seen.version < doc.version) latest.set(doc.templateId, doc);
    }
    const designs = can(
      await ctx.services.policies.workspacePolicy(),
      ctx.session.principal,
      'templates.publish',
    );
    const drafts = designs ? await store.listDocs('templateDrafts') : [];
    const viewer = await ctx.services.policies.viewerFor(ctx.session.principal);
    // A view is offered only when the viewer may run its filter and sort: views are built from
    // what the role may read (a view on the stage is not offered to a role that cannot read it).
    const runnable = async (templateId: string, views: TemplateView[]): Promise<TemplateView[]> => {
      if (views.length === 0) return views;
      const compiled = (await ctx.services.policies.load(templateId)).policyFor(ctx.locale);
      return views.filter(
        (v) =>
          compiled.guardQuery({ filters: v.filter ?? [], sort: v.sort ?? [] }, viewer).status !== 'refused',
      );
    };
    const offered = await Promise.all(
      [...latest.values()].map(async (doc) => ({
        doc,
        views: await runnable(doc.templateId, doc.template.views ?? []),
      })),
    );
    return {
      published: offered.map(({ doc, views }) => ({
        id: doc.templateId,
        version: doc.version,
        title: localized(doc.template.title, doc.template.i18n, ctx.locale),
        publishedAt: doc.publishedAt,
        views: views.map((v) => ({
          ...v,
          title: localized(v.title, v.i18n, ctx.locale),
        })),
        due: doc.template.due ?? null,
        recordTitle: doc.template.recordTitle ?? null,
        dueRules: doc.template.dueRules ?? null,
      })),
      drafts: drafts.map((d) => ({ id: d.id, title: d.template.title, updatedAt: d.updatedAt })),
    };
  }),

  /** The draft (or, without one, the latest published version) as JSON. */
  get: designProcedure.input(z.strictObject({ templateId })).query(async ({ ctx, input }) => {
    const draft = await ctx.services.store.getDoc('templateDrafts', input.templateId);
    const latestVersion = await ctx.services.policies.latestVersion(input.templateId);
    if (draft)
      return { source: 'draft' as const, template: draft.template, latestVersion: latestVersion ?? null };
    if (latestVersion === undefined) throw new VeilError('not-found', 'No template with this id.');
    const doc = await ctx.services.store.getDoc('templates', `${input.templateId}@${latestVersion}`);
    if (!doc) throw new VeilError('not-found', 'No template with this id.');
    return { source: 'published' as const, template: doc.template, latestVersion };
  }),

  saveDraft: designProcedure
    .input(z.strictObject({ template: templateJson }))
    .mutation(async ({ ctx, input }) => {
      const id = templateId.safeParse(input.template.id);
      if (!id.success)
        throw new VeilError(
          'invalid-input',
          'The template needs an "id" of lower-case letters, digits and dashes.',
        );
      const template = input.template as unknown as Template;
      await ctx.services.store.putDoc(
        'templateDrafts',
        { id: id.data, template, updatedAt: ctx.services.now().toISOString(), updatedBy: ctx.session.userId },
        { actor: ctx.session.userId, action: 'template.save-draft', target: id.data, details: {} },
      );
      const parsed = await ctx.services.policies.parse(template);
      return { id: id.data, parseErrors: parsed.status === 'error' ? parsed.errors : [] };
    }),

  /** Parse and lint the draft. */
  validate: designProcedure.input(z.strictObject({ templateId })).query(async ({ ctx, input }) => {
    const draft = await ctx.services.store.getDoc('templateDrafts', input.templateId);
    if (!draft) throw new VeilError('not-found', 'No draft with this id.');
    const policy = await ctx.services.policies.workspacePolicy();
    const parsed = await ctx.services.policies.parse(draft.template);
    if (parsed.status === 'error') return { parseErrors: parsed.errors, lint: null };
    return { parseErrors: [], lint: lintTemplate(draft.template, policy) };
  }),

  /** The draft's form as a role and relation would see it. */
  preview: designProcedure
    .input(
      z.strictObject({
        templateId,
        role: z.string().min(1).max(64),
        relation: z.enum(['owner', 'team', 'any']),
        locale: z.enum(['zh-CN', 'en']).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const draft = await ctx.services.store.getDoc('templateDrafts', input.templateId);
      const latest = await ctx.services.policies.latestVersion(input.templateId);
      const template =
        draft?.template ??
        (latest !== undefined
          ? (await ctx.services.store.getDoc('templates', `${input.templateId}@${latest}`))?.template
          : undefined);
      if (!template) throw new VeilError('not-found', 'No template with this id.');
      const policy = await ctx.services.policies.workspacePolicy();
      if (!policy.roles.some((r) => r.id === input.role))
        throw new VeilError('invalid-input', 'No such role in the workspace.');
      const parsed = await ctx.services.policies.parse(template);
      if (parsed.status === 'error') {
        throw new VeilError('template-invalid', 'The template does not parse; fix it first.', {
          issues: parsed.errors,
        });
      }
      const locale = input.locale ?? ctx.locale;
      const compiled = createTemplatePolicy(parsed.template, policy, ctx.services.keyring, locale);
      // A synthetic viewer: owner relation = the preview principal; team = a colleague in its department.
      const viewer = createViewer(
        { id: 'preview:viewer', roles: [input.role], departmentId: 'preview:dept', managedDepartmentIds: [] },
        { parentOf: { 'preview:dept': null }, departmentOf: { 'preview:viewer': 'preview:dept' } },
      );
      return compiled.projectForm(viewer, { relation: input.relation }, locale);
    }),

  publish: designProcedure
    .input(z.strictObject({ templateId, confirm: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      const { store, policies } = ctx.services;
      const draft = await store.getDoc('templateDrafts', input.templateId);
      if (!draft) throw new VeilError('not-found', 'No draft with this id.');
      const policy = await policies.workspacePolicy();
      const latest = await policies.latestVersion(input.templateId);
      const version = (latest ?? 0) + 1;
      const template: Template = { ...draft.template, version };
      const parsed = await policies.parse(template);
      if (parsed.status === 'error') {
        throw new VeilError('template-invalid', 'The template does not parse; fix it first.', {
          issues: parsed.errors,
        });
      }
      const lint = lintTemplate(template, policy);
      if (!lint.publishable) {
        const errors = lint.findings.filter((f) => f.severity === 'error');
        throw new VeilError(
          'lint-errors',
          `Lint found ${errors.length} error(s); fix them before publishing.`,
          {
            issues: errors.map((f) => ({ path: f.path, code: f.code, message: f.message })),
          },
        );
      }
      const previous =
        latest === undefined ? undefined : await store.getDoc('templates', `${input.templateId}@${latest}`);
      const diff = previous ? diffTemplates(previous.template, template, policy) : null;
      if (diff && (diff.breaking || diff.weakensPrivacy) && input.confirm !== true) {
        throw new VeilError(
          'confirmation-required',
          `This version ${diff.breaking ? 'breaks existing records or clients' : ''}${diff.breaking && diff.weakensPrivacy ? ' and ' : ''}${diff.weakensPrivacy ? 'weakens privacy' : ''}; publish again with confirm: true.`,
          {
            issues: diff.changes
              .filter((c) => c.classification === 'breaking' || c.privacy === 'weakens')
              .map((c) => ({ path: c.path, code: c.kind, message: c.message })),
          },
        );
      }
      const now = ctx.services.now().toISOString();
      // Insert-only: of two concurrent publishes of one version, the second is refused.
      await withStore(() =>
        store.insertDoc(
          'templates',
          {
            id: `${input.templateId}@${version}`,
            templateId: input.templateId,
            version,
            template,
            publishedAt: now,
            publishedBy: ctx.session.userId,
          },
          {
            actor: ctx.session.userId,
            action: 'template.publish',
            target: input.templateId,
            details: {
              version,
              breaking: diff?.breaking ?? false,
              weakensPrivacy: diff?.weakensPrivacy ?? false,
              confirmed: input.confirm === true,
            },
          },
        ),
      );
      await store.registerTemplate(parsed.template);
      await store.deleteDoc('templateDrafts', input.templateId);
      policies.invalidate();
      return { version, diff, lint: lint.findings };
    }),

  versions: designProcedure.input(z.strictObject({ templateId })).query(async ({ ctx, input }) => {
    const docs = await ctx.services.store.listDocs('templates', { templateId: input.templateId });
    return docs
      .sort((a, b) => a.version - b.version)
      .map((d) => ({
        version: d.version,
        publishedAt: d.publishedAt,
        publishedBy: d.publishedBy,
        title: d.template.title,
      }));
  }),

  /**
   * The fields a table may show the signed-in user for the latest version, each with what the
   * query guard allows on it (`describeColumns` in `@veil/policy`): the web offers filters, sorts
   * and matches from this, never from its own guess.
   */
  columns: authedProcedure.input(z.strictObject({ templateId })).query(async ({ ctx, input }) => {
    const loaded = await ctx.services.policies.load(input.templateId);
    const viewer = await ctx.services.policies.viewerFor(ctx.session.principal);
    const policy = loaded.policyFor(ctx.locale);
    const storage = await ctx.services.store.getTemplateStorage(input.templateId);
    const encrypted = storage?.everEncrypted ?? storage?.encrypted ?? [];
    return {
      version: loaded.doc.version,
      columns: policy.describeColumns(viewer),
      // What the search box covers (`planSearch`): the web says so beside the box.
      search: policy.planSearch(viewer, { encrypted }).covers,
    };
  }),

  processingRecord: capabilityProcedure('audit.read')
    .input(z.strictObject({ templateId, locale: z.enum(['zh-CN', 'en']).optional() }))
    .query(async ({ ctx, input }) => {
      const loaded = await ctx.services.policies.load(input.templateId);
      const policy = await ctx.services.policies.workspacePolicy();
      return describeProcessing(loaded.doc.template, policy, { locale: input.locale ?? ctx.locale });
    }),
});
