import type { RoleDefinition } from '@veil/schema';
import type { Locale, Translate } from './i18n.js';
import { en, type MessageKey } from './messages.js';

/** Vocabularies whose ids the app shows by a label from its dictionaries. */
export type LabelGroup =
  | 'role'
  | 'roleKind'
  | 'rowScope'
  | 'level'
  | 'access'
  | 'relation'
  | 'export'
  | 'category'
  | 'basis'
  | 'retention'
  | 'action';

/** Is there a dictionary entry for this key? (both languages have the same keys; a unit test says so) */
function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The label of a vocabulary id in the user's language; the id itself when the dictionary has none. */
export function labelOf(t: Translate, group: LabelGroup, id: string): string {
  const key = `${group}.${id}`;
  return isMessageKey(key) ? t(key) : id;
}

/**
 * A role's label: the workspace policy's own title in the user's language when the caller has it
 * (custom roles have only that), else the dictionary's, else the id.
 */
export function roleLabel(
  t: Translate,
  locale: Locale,
  id: string,
  roles?: readonly RoleDefinition[],
): string {
  const role = roles?.find((r) => r.id === id);
  const title = role?.i18n?.[locale]?.title ?? (locale === 'zh-CN' ? role?.title : undefined);
  if (title !== undefined) return title;
  const key = `role.${id}`;
  return isMessageKey(key) ? t(key) : (role?.title ?? id);
}

/** The separator of a short list in the user's language (顿号 in Chinese). */
export function listSeparator(locale: Locale): string {
  return locale === 'zh-CN' ? '、' : ', ';
}
