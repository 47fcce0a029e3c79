import type { Directory, Keyring, Principal, Viewer } from '@veil/policy';
import { createViewer } from '@veil/policy';
import {
  createTemplateAjv,
  DEFAULT_WORKSPACE_POLICY,
  parseTemplate,
  type SanitizedTemplate,
  type Template,
  type WorkspacePolicy,
} from '@veil/schema';
import type { PublishedTemplateDoc, Store } from '@veil/store';
import type { ValidateFunction } from 'ajv';
import { VeilError } from '../errors/veilError.js';
import { createTemplatePolicy, type TemplatePolicy } from './templatePolicy.js';

/** One published template version, ready to enforce. */
export interface LoadedTemplate {
  doc: PublishedTemplateDoc;
  sanitized: SanitizedTemplate;
  /** Compiled per locale on demand. */
  policyFor(locale: 'zh-CN' | 'en'): TemplatePolicy;
  validate: ValidateFunction;
}

export interface PolicyRegistry {
  workspacePolicy(): Promise<WorkspacePolicy>;
  directory(): Promise<Directory>;
  viewerFor(principal: Principal): Promise<Viewer>;
  /** Ids of every user whose department lies in the viewer's team. */
  teamMembers(viewer: Viewer): Promise<string[]>;
  /** Latest published version number, or `undefined` when never published. */
  latestVersion(templateId: string): Promise<number | undefined>;
  /** A published version (latest when omitted); NOT_FOUND when there is none. */
  load(templateId: string, version?: number): Promise<LoadedTemplate>;
  /** Parses a template against the current workspace policy. */
  parse(template: unknown): Promise<ReturnType<typeof parseTemplate>>;
  /** Drop every cached compilation (workspace policy changed, users moved). */
  invalidate(): void;
}

export function createPolicyRegistry(store: Store, keys: Keyring): PolicyRegistry {
  const cache = new Map<string, LoadedTemplate>();
  let directoryCache: Directory | null = null;

  const workspacePolicy = async (): Promise<WorkspacePolicy> =>
    (await store.getDoc('workspace', 'workspace'))?.policy ?? DEFAULT_WORKSPACE_POLICY;

  const directory = async (): Promise<Directory> => {
    if (directoryCache) return directoryCache;
    const [users, departments] = await Promise.all([store.listDocs('users'), store.listDocs('departments')]);
    const parentOf: Record<string, string | null> = {};
    for (const department of departments) parentOf[department.id] = department.parentId;
    const departmentOf: Record<string, string> = {};
    for (const user of users) if (user.departmentId) departmentOf[user.id] = user.departmentId;
    directoryCache = { parentOf, departmentOf };
    return directoryCache;
  };

  const versions = async (templateId: string): Promise<PublishedTemplateDoc[]> =>
    (await store.listDocs('templates', { templateId })).sort((a, b) => a.version - b.version);

  const registry: PolicyRegistry = {
    workspacePolicy,
    directory,
    async viewerFor(principal) {
      return createViewer(principal, await directory());
    },
    async teamMembers(viewer) {
      const dir = await directory();
      return Object.entries(dir.departmentOf)
        .filter(([, department]) => viewer.teamDepartments.has(department))
        .map(([userId]) => userId);
    },
    async latestVersion(templateId) {
      return (await versions(templateId)).at(-1)?.version;
    },
    async load(templateId, version) {
      const policy = await workspacePolicy();
      const all = await versions(templateId);
      const doc = version === undefined ? all.at(-1) : all.find((d) => d.version === version);
      if (!doc) throw new VeilError('not-found', 'No published template with this id and version.');
      const key = `${doc.id}#${policy.version}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const parsed = parseTemplate(doc.template, policy);
      if (parsed.status !== 'ok') {
        throw new VeilError(
          'template-invalid',
          'This template no longer parses under the workspace policy.',
          {
            issues: parsed.errors,
          },
        );
      }
      const sanitized = parsed.template;
      const byLocale = new Map<string, TemplatePolicy>();
      const loaded: LoadedTemplate = {
        doc,
        sanitized,
        policyFor(locale) {
          let compiled = byLocale.get(locale);
          if (!compiled) {
            compiled = createTemplatePolicy(sanitized, policy, keys, locale);
            byLocale.set(locale, compiled);
          }
          return compiled;
        },
        validate: createTemplateAjv().compile(sanitized.schema),
      };
      cache.set(key, loaded);
      return loaded;
    },
    async parse(template) {
      return parseTemplate(template as Template, await workspacePolicy());
    },
    invalidate() {
      cache.clear();
      directoryCache = null;
    },
  };
  return registry;
}
