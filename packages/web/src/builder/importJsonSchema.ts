import {
  importSchema,
  type MigrationChange,
  parseTemplate,
  type Template,
  type ValidationIssue,
  type WorkspacePolicy,
} from '@veil/schema';
import { OWNER_FIELD } from './newTemplate.js';
import { isSchema } from './schemaPaths.js';

/** What an import did, for the admin to read: the rewrites made and the warnings of the result. */
export interface ImportReport {
  changes: MigrationChange[];
  warnings: ValidationIssue[];
}

export type ImportResult =
  | { status: 'ok'; template: Template; report: ImportReport }
  | { status: 'error'; reason: 'json' | 'not-object-schema' };

/**
 * A new template from pasted JSON: a whole Veil template is taken as it is; a JSON Schema of
 * any draft (04 to 2020-12) is migrated to 2020-12 (each rewrite listed), a non-object root
 * becomes one field, and an owner field is added when there is none. Nothing is annotated:
 * lint then flags the fields that look personal. With a workspace policy, the report also
 * holds the parser's warnings (unknown formats, keywords without their type …).
 */
export function importJsonSchema(text: string, fallbackId: string, policy?: WorkspacePolicy): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 'error', reason: 'json' };
  }
  if (!isSchema(value)) return { status: 'error', reason: 'not-object-schema' };
  const raw = value as Record<string, unknown>;
  let template: Template;
  let changes: MigrationChange[] = [];
  if (isSchema(raw.schema) && typeof raw.owner === 'string' && typeof raw.id === 'string') {
    template = { ...(raw as unknown as Template), version: 1 };
  } else {
    const imported = importSchema(raw, { id: fallbackId, ownerField: OWNER_FIELD });
    template = imported.template;
    changes = imported.changes;
  }
  const parsed = policy === undefined ? undefined : parseTemplate(template, policy);
  const warnings = parsed?.status === 'ok' ? (parsed.warnings ?? []) : [];
  return { status: 'ok', template, report: { changes, warnings } };
}
