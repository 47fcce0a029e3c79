import type { RoleDefinition, WorkspacePolicyChange } from '@veil/schema';
import type { Locale, Translate } from '../app/i18n.js';
import { labelOf, roleLabel } from '../app/labels.js';
import type { PolicyEditorText } from './policyEditorText.js';

/** Which vocabulary a change's `from` / `to` belong to, for their labels. */
function valueGroup(change: WorkspacePolicyChange): 'access' | 'export' | 'rowScope' | 'roleKind' | null {
  if (change.kind.startsWith('access-')) return 'access';
  if (change.kind.startsWith('export-')) return 'export';
  if (change.kind.startsWith('row-scope-')) return 'rowScope';
  if (change.kind === 'role-kind-changed') return 'roleKind';
  return null;
}

/**
 * One line of the confirmation: what kind of change, for whom, on which relation and level,
 * from what to what, in the user's language (a change holds ids and levels, never a value).
 */
export function describePolicyChange(
  change: WorkspacePolicyChange,
  options: { t: Translate; tx: PolicyEditorText; locale: Locale; roles: readonly RoleDefinition[] },
): string {
  const { t, tx, locale, roles } = options;
  const parts: string[] = [tx(`kind.${change.kind}`)];
  const level = /^\/levelDefaults\/([^/]+)\//.exec(change.path)?.[1];
  if (level !== undefined) parts.push(labelOf(t, 'level', level));
  if (change.capability !== undefined) parts.push(change.capability);
  if (change.role !== undefined) parts.push(roleLabel(t, locale, change.role, roles));
  if (change.relation !== undefined) parts.push(labelOf(t, 'relation', change.relation));
  const group = valueGroup(change);
  const show = (value: string | undefined) =>
    value === undefined ? '—' : group === null ? value : labelOf(t, group, value);
  if (change.from !== undefined || change.to !== undefined)
    parts.push(`${show(change.from)} → ${show(change.to)}`);
  return parts.join(' · ');
}
