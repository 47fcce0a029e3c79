import type { SanitizedField, SanitizedTemplate } from '@veil/schema';
import type { Locale } from './importMessages.js';

/** A field a column can be imported into. */
export interface ImportTarget {
  /** Schema path (`/contacts/*\/mobile`: the row's one item of that array). */
  path: string;
  title: string;
  /** Titles in every language, for matching headers. */
  titles: string[];
  field: SanitizedField;
  /** Labels of the field's options (each list in `enum` order): `x-i18n` and the uiSchema's `ui:enumNames`. */
  optionLabels: string[][];
}

function uiNodeOf(
  uiSchema: Record<string, unknown>,
  segments: string[],
): Record<string, unknown> | undefined {
  let node: unknown = uiSchema;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment === '*' ? 'items' : segment];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

function optionLabelsOf(template: SanitizedTemplate, field: SanitizedField): string[][] {
  if (!field.enum) return [];
  const lists = Object.values(field.i18n).map((t) => t.enumNames ?? []);
  const ui = uiNodeOf(template.uiSchema, field.segments)?.['ui:enumNames'];
  if (Array.isArray(ui)) lists.push(ui.map(String));
  return lists;
}

const VALUE_KINDS = new Set(['string', 'number', 'integer', 'boolean']);

/** The title of a field in the locale (zh-CN is the written title, others from `x-i18n`). */
export function titleOf(field: SanitizedField, locale: Locale): string {
  return locale === 'en' ? (field.i18n.en?.title ?? field.title) : field.title;
}

/**
 * Leaf value fields at the top level or in one level of array items (a row is one customer with
 * one item of each such array); the owner field is set by the import's owner choice instead.
 */
export function importTargets(template: SanitizedTemplate, locale: Locale): ImportTarget[] {
  return template.fields
    .filter((f) => f.leaf && VALUE_KINDS.has(f.kind) && f.path !== template.owner)
    .filter((f) => f.segments.filter((s) => s === '*').length <= 1 && f.segments.at(-1) !== '*')
    .map((field) => ({
      path: field.path,
      title: titleOf(field, locale),
      titles: [field.title, ...Object.values(field.i18n).map((t) => t.title ?? '')].filter(Boolean),
      field,
      optionLabels: optionLabelsOf(template, field),
    }));
}
