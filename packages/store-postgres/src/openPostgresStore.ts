import { type KeyMaterial, type KeyProvider, type Store, StoreError } from '@veil/store';
import pg from 'pg';
import { runMigrations } from './migrations.js';
import { PostgresStoreImpl } from './PostgresStoreImpl.js';

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database` (`VEIL_DATABASE_URL`). */
  connectionString: string;
  /** The schema holding Veil's tables (default `veil`); created and migrated at open. */
  schema?: string;
  /** Where the keys come from (the keys folder, environment variables; never the database). */
  keyProvider: KeyProvider;
  now?: () => Date;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  normalize?: (fieldPath: string, value: string) => string;
}

export interface PostgresStore extends Store {
  readonly keys: KeyMaterial;
  /** Migrations this open applied. */
  readonly migrated: number[];
}

/** Opens the PostgreSQL store: connects, applies missing migrations, loads keys and data keys. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = options.schema ?? 'veil';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new StoreError('CONFIG', 'The PostgreSQL schema name must be lower-case letters, digits and _.');
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    options: `-c search_path=${schema}`,
  });
  pool.on('error', () => undefined);
  try {
    const migrated = await runMigrations(pool, schema);
    const { rows } = await pool.query<{ used: boolean }>(
      'SELECT (SELECT seq FROM audit_head) > 0 OR EXISTS (SELECT 1 FROM docs) OR EXISTS (SELECT 1 FROM data_keys) AS used',
    );
    const keys = options.keyProvider.load({ storeHasData: rows[0]?.used === true });
    const store = new PostgresStoreImpl(pool, keys, options, migrated);
    await store.dataKeys.reload(pool);
    return store;
  } catch (error) {
    await pool.end();
    throw error;
  }
}
