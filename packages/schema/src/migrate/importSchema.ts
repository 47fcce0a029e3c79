import type { JsonSchema, Template } from '../template.js';
import { migrateSchema } from './migrateSchema.js';
import { type MigrationChange, migrationChange } from './migrationChange.js';

/** Options of {@link importSchema}. */
export interface ImportSchemaOptions {
  /** The template id to use (a slug of the schema's title, or this when it has none). */
  id: string;
  /** The schema of the owner field added when the schema has none. */
  ownerField: JsonSchema;
}

/** What {@link importSchema} gives back. */
export interface ImportSchemaResult {
  template: Template;
  /** Every rewrite, the added owner field included, for the admin to read. */
  changes: MigrationChange[];
}

/** A template id from free text: lower-case letters, digits and dashes. */
function slug(text: string, fallback: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return /^[a-z0-9]/.test(s) ? s : fallback;
}

/**
 * A new template from a JSON Schema someone already has (any draft from 04 to 2020-12, any
 * root): migrated to 2020-12 (`migrateSchema`), a non-object root wrapped as one field, and an
 * owner field (`ownerId`) added when there is none. Nothing is annotated: lint then flags the
 * fields that look personal. Pure.
 */
export function importSchema(input: unknown, options: ImportSchemaOptions): ImportSchemaResult {
  const { schema, changes } = migrateSchema(input);
  const properties = { ...(schema.properties ?? {}) };
  const owner = Object.hasOwn(properties, 'ownerId')
    ? 'ownerId'
    : '_owner' in properties
      ? '_owner'
      : 'ownerId';
  const all = [...changes];
  if (!Object.hasOwn(properties, owner)) {
    properties[owner] = options.ownerField;
    all.push(migrationChange('owner-added', `/properties/${owner}`, { field: owner }));
  }
  const title = typeof schema.title === 'string' && schema.title !== '' ? schema.title : 'Imported';
  const required = Array.isArray(schema.required) ? schema.required : [];
  return {
    template: {
      id: slug(title, options.id),
      version: 1,
      title,
      owner: `/${owner}`,
      uiSchema: { [owner]: { 'ui:widget': 'hidden' } },
      schema: { ...schema, properties, required: [...new Set([...required, owner])] },
    },
    changes: all,
  };
}
