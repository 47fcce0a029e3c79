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

/**
 * A value read from the store, kept until the store's revision of the collections it comes from
 * changes: every request checks the revision (one cheap call), so no server works from data
 * older than the request, even when another server changed it.
 */
function cachedBy<T>(store: Store, names: Parameters<Store['docsRevision']>[0], read: () => Promise<T>) {
  let cached: { token: string; value: Promise<T> } | undefined;
  return {
    async get(): Promise<T> {
      const token = await store.docsRevision(names);
      if (cached?.token !== token) cached = { token, value: read() };
      const mine = cached;
      return mine.value.catch((error: unknown) => {
        if (cached === mine) cached = undefined;
        throw error;
      });
    },
    clear(): void {
      cached = undefined;
    },
  };
}

export function createPolicyRegistry(store: Store, keys: Keyring): PolicyRegistry {
  const cache = new Map<string, LoadedTemplate>();

  const policyCache = cachedBy(
    store,
    ['workspace'],
    async () => (await store.getDoc('workspace', 'workspace'))?.policy ?? DEFAULT_WORKSPACE_POLICY,
  );
  const workspacePolicy = (): Promise<WorkspacePolicy> => policyCache.get();

  const directoryCache = cachedBy(store, ['users', 'departments'], async (): Promise<Directory> => {
    const [users, departments] = await Promise.all([store.listDocs('users'), store.listDocs('departments')]);
    const parentOf: Record<string, string | null> = {};
    for (const department of departments) parentOf[department.id] = department.parentId;
    const departmentOf: Record<string, string> = {};
    for (const user of users) if (user.departmentId) departmentOf[user.id] = user.departmentId;
    return { parentOf, departmentOf };
  });
  const directory = (): Promise<Directory> => directoryCache.get();

  /** Published versions per template id, read once per revision of the templates collection. */
  const versionsCache = cachedBy(store, ['templates'], async () => new Map<string, PublishedTemplateDoc[]>());
  const versions = async (templateId: string): Promise<PublishedTemplateDoc[]> => {
    const byTemplate = await versionsCache.get();
    let list = byTemplate.get(templateId);
    if (list === undefined) {
      list = (await store.listDocs('templates', { templateId })).sort((a, b) => a.version - b.version);
      byTemplate.set(templateId, list);
    }
    return list;
  };

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
      policyCache.clear();
      directoryCache.clear();
      versionsCache.clear();
    },
  };
  return registry;
}
