import { parseTemplate, type Template, type WorkspacePolicy } from '@veil/schema';
import type { Locale } from '../i18n/locale.js';

/** Field titles by schema path in the locale (empty when the template does not parse). */
export function fieldTitles(
  template: Template,
  policy: WorkspacePolicy,
  locale: Locale,
): Map<string, string> {
  const parsed = parseTemplate(template, policy);
  if (parsed.status !== 'ok') return new Map();
  return new Map(
    parsed.template.fields.map((f) => [f.path, locale === 'en' ? (f.i18n.en?.title ?? f.title) : f.title]),
  );
}
