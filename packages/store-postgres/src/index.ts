export { MIGRATIONS, runMigrations } from './migrations.js';
export { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from './openPostgresStore.js';
