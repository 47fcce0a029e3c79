import type { WorkspacePolicy } from '@veil/schema';
import { CliError, EXIT } from '../core/cliError.js';
import type { Locale } from '../i18n/locale.js';
import type { Translator } from '../i18n/translate.js';
import type { PackManifest } from './packManifest.js';

/** Pack role and purpose ids → workspace ones. */
export interface PackMapping {
  roles: Record<string, string>;
  purposes: Record<string, string>;
}

/**
 * The mapping from `--map role:PACK=WORKSPACE` / `--map purpose:PACK=WORKSPACE` arguments; a
 * pack id the arguments do not name maps onto the workspace's id of the same name. Every pack
 * role and purpose must land on an existing workspace one, and no two pack roles on the same one
 * (their rules would have to be merged, which could widen access).
 */
export function resolveMapping(
  t: Translator,
  locale: Locale,
  manifest: PackManifest,
  policy: WorkspacePolicy,
  args: readonly string[],
): PackMapping {
  const explicit = { role: new Map<string, string>(), purpose: new Map<string, string>() };
  for (const arg of args) {
    const match = /^(role|purpose):([a-z][a-z0-9-]*)=([A-Za-z0-9_-]+)$/.exec(arg);
    if (match === null) throw new CliError('map-syntax', t('install.mapSyntax', { arg }), EXIT.usage);
    const [, kind, from, to] = match as unknown as [string, 'role' | 'purpose', string, string];
    const known = kind === 'role' ? manifest.roles : manifest.purposes;
    if (!known.some((x) => x.id === from)) {
      throw new CliError('map-unknown', t('install.mapUnknown', { kind, id: from }), EXIT.usage);
    }
    explicit[kind].set(from, to);
  }
  const wsRoles = new Set(policy.roles.map((r) => r.id));
  const wsPurposes = new Set(policy.purposes.map((p) => p.id));
  const roles: Record<string, string> = {};
  const usedBy = new Map<string, string>();
  for (const role of manifest.roles) {
    const target = explicit.role.get(role.id) ?? role.id;
    if (!wsRoles.has(target)) {
      const title = locale === 'en' ? role.i18n.en.title : role.title;
      const expects = locale === 'en' ? role.i18n.en.expects : role.expects;
      throw new CliError('map-role-needed', t('install.mapRole', { id: role.id, title, expects, target }));
    }
    const other = usedBy.get(target);
    if (other !== undefined) {
      throw new CliError('map-role-shared', t('install.mapShared', { a: other, b: role.id, target }));
    }
    usedBy.set(target, role.id);
    roles[role.id] = target;
  }
  const purposes: Record<string, string> = {};
  for (const purpose of manifest.purposes) {
    const target = explicit.purpose.get(purpose.id) ?? purpose.id;
    if (!wsPurposes.has(target)) {
      const title = locale === 'en' ? purpose.title : purpose.i18n['zh-CN'].title;
      throw new CliError('map-purpose-needed', t('install.mapPurpose', { id: purpose.id, title, target }));
    }
    purposes[purpose.id] = target;
  }
  return { roles, purposes };
}
