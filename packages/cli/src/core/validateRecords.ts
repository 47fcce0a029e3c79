import { createTemplateAjv, type SanitizedTemplate } from '@veil/schema';
import type { Locale } from '../i18n/locale.js';

/** One record that does not fit the template: which record, which field (by title), what to fix. */
export interface RecordIssue {
  /** Index of the record in the input. */
  record: number;
  /** Title of the field in the requested locale (never a pointer into the data, never a value). */
  field: string;
  /** Schema path of the field. */
  path: string;
  message: string;
}

/** Array indexes become `*`, the schema path of the field. */
function schemaPathOf(instancePath: string): string {
  return instancePath.replace(/\/\d+(?=\/|$)/g, '/*');
}

/** Validates records against a sanitized template with Veil's Ajv (formats included). */
export function validateRecords(
  template: SanitizedTemplate,
  records: readonly unknown[],
  locale: Locale,
): RecordIssue[] {
  const ajv = createTemplateAjv({ allErrors: true });
  const validate = ajv.compile(template.schema);
  const titleOf = (path: string): string => {
    const field = template.fields.find((f) => f.path === path);
    if (field === undefined)
      return locale === 'en' ? (template.i18n.en?.title ?? template.title) : template.title;
    return locale === 'en' ? (field.i18n.en?.title ?? field.title) : field.title;
  };
  const issues: RecordIssue[] = [];
  records.forEach((record, index) => {
    if (validate(record)) return;
    for (const error of validate.errors ?? []) {
      const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
      const path = schemaPathOf(error.instancePath) + missing;
      issues.push({ record: index, field: titleOf(path), path, message: error.message ?? error.keyword });
    }
  });
  return issues;
}
