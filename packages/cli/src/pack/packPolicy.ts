import { DEFAULT_WORKSPACE_POLICY, type WorkspacePolicy } from '@veil/schema';
import type { PackManifest } from './packManifest.js';

/**
 * The workspace policy a pack is written against: the default level defaults and edit rules of
 * `@veil/schema`, with exactly the pack's roles and purposes. Lint, the processing record and the
 * install preview's "as the author intended" side all use it.
 */
export function packPolicy(manifest: PackManifest): WorkspacePolicy {
  return {
    ...DEFAULT_WORKSPACE_POLICY,
    roles: manifest.roles.map((role) => ({
      id: role.id,
      kind: role.kind,
      rowScope: role.rowScope,
      title: role.title,
      i18n: { en: { title: role.i18n.en.title } },
    })),
    purposes: manifest.purposes.map((p) => ({ id: p.id, title: p.title, i18n: p.i18n })),
  };
}
