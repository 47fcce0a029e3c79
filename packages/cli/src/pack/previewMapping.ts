import {
  type AccessLevel,
  type ExportRule,
  isPersonalField,
  type Relation,
  rankAccess,
  relationsInScope,
  type SanitizedTemplate,
  type WorkspacePolicy,
} from '@veil/schema';
import type { Locale } from '../i18n/locale.js';
import type { PackMapping } from './resolveMapping.js';

/** One difference between what the pack's author chose and what the installed template does. */
export interface PrivacyChange {
  template: string;
  /** Schema path of the field. */
  path: string;
  /** Field title in the requested locale. */
  field: string;
  kind: 'access' | 'export';
  /** Workspace role (access changes). */
  role?: string;
  /** The pack role mapped onto it; absent when no pack role maps onto this workspace role. */
  packRole?: string;
  relation?: Relation;
  /** Access level or export rule the author intended (`none` for a role the pack does not know). */
  from: AccessLevel | ExportRule | 'none';
  to: AccessLevel | ExportRule;
  effect: 'widens' | 'narrows';
}

/** The privacy diff of an install: every change of access or export a mapping causes. */
export interface MappingPreview {
  changes: PrivacyChange[];
  /** True when any change widens access or loosens export: installing then needs `--yes`. */
  widens: boolean;
}

const EXPORT_ORDER: readonly ExportRule[] = ['deny', 'masked', 'approval', 'allow'];

/**
 * Compares each personal field as the author resolved it (pack policy, pack roles) with the
 * installed template (workspace policy, mapped roles): for every workspace role and every
 * relation its row scope admits, the access it gets against what its pack role got (a workspace
 * role no pack role maps onto is compared with "none"); and the export rule.
 */
export function previewMapping(
  authored: readonly SanitizedTemplate[],
  installed: readonly SanitizedTemplate[],
  mapping: PackMapping,
  workspace: WorkspacePolicy,
  locale: Locale,
): MappingPreview {
  const packRoleOf = new Map(Object.entries(mapping.roles).map(([pack, ws]) => [ws, pack]));
  const changes: PrivacyChange[] = [];
  installed.forEach((template, index) => {
    const before = new Map((authored[index]?.fields ?? []).map((f) => [f.path, f]));
    for (const field of template.fields) {
      if (!field.leaf || !isPersonalField(field)) continue;
      const original = before.get(field.path);
      const title = locale === 'en' ? (field.i18n.en?.title ?? field.title) : field.title;
      const base = { template: template.id, path: field.path, field: title };
      for (const role of workspace.roles) {
        const packRole = packRoleOf.get(role.id);
        for (const relation of relationsInScope(role.rowScope)) {
          const to = field.privacy.access[role.id]?.[relation] ?? 'hidden';
          const from =
            packRole === undefined ? undefined : (original?.privacy.access[packRole]?.[relation] ?? 'hidden');
          const rankFrom = from === undefined ? rankAccess('hidden') : rankAccess(from);
          if (rankAccess(to) === rankFrom) continue;
          changes.push({
            ...base,
            kind: 'access',
            role: role.id,
            ...(packRole === undefined ? {} : { packRole }),
            relation,
            from: from ?? 'none',
            to,
            effect: rankAccess(to) > rankFrom ? 'widens' : 'narrows',
          });
        }
      }
      const exportFrom = original?.privacy.export ?? 'deny';
      const exportTo = field.privacy.export;
      if (exportFrom !== exportTo) {
        changes.push({
          ...base,
          kind: 'export',
          from: exportFrom,
          to: exportTo,
          effect: EXPORT_ORDER.indexOf(exportTo) > EXPORT_ORDER.indexOf(exportFrom) ? 'widens' : 'narrows',
        });
      }
    }
  });
  return { changes, widens: changes.some((c) => c.effect === 'widens') };
}
