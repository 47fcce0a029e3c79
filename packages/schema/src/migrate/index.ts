export { type ImportSchemaOptions, type ImportSchemaResult, importSchema } from './importSchema.js';
export { type MigrateSchemaResult, migrateSchema } from './migrateSchema.js';
export { type MigrateTemplateResult, migrateTemplate } from './migrateTemplate.js';
export {
  describeMigrationChange,
  type MigrationChange,
  type MigrationCode,
  migrationChange,
  summarizeMigration,
} from './migrationChange.js';
