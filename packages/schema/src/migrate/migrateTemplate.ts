import type { JsonSchema, Template } from '../template.js';
import { migrateSchema } from './migrateSchema.js';
import type { MigrationChange } from './migrationChange.js';

/** What {@link migrateTemplate} gives back. */
export interface MigrateTemplateResult {
  template: Template;
  /** Every rewrite of the schema, in document order. */
  changes: MigrationChange[];
}

/**
 * The explicit migrate step before `parseTemplate`: the template with its schema rewritten
 * from draft-04/06/07/2019-09 to JSON Schema 2020-12 (see `migrateSchema`). A template already
 * in 2020-12 comes back equal, with no changes. Pure.
 */
export function migrateTemplate(template: Template): MigrateTemplateResult {
  const { schema, changes } = migrateSchema(template.schema);
  return { template: { ...template, schema: schema as JsonSchema }, changes };
}
