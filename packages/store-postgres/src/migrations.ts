import { COLLECTION_NAMES } from '@veil/store';
import type { Pool, PoolClient } from 'pg';

/**
 * Versioned schema migrations, applied in order at open (and by `migratePostgres`), each in its
 * own transaction under an advisory lock so that servers starting together apply it once. None
 * drops or rewrites data.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'documents, records, audit',
    sql: `
CREATE TABLE docs (
  coll text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (coll, id)
);
CREATE INDEX docs_user_department ON docs ((doc->>'departmentId')) WHERE coll = 'users';
CREATE INDEX docs_department_parent ON docs ((doc->>'parentId')) WHERE coll = 'departments';
CREATE INDEX docs_session_user ON docs ((doc->>'userId')) WHERE coll = 'sessions';
CREATE TABLE doc_revisions (coll text PRIMARY KEY, rev bigint NOT NULL DEFAULT 0);
INSERT INTO doc_revisions (coll) SELECT unnest($collections::text[]);
CREATE TABLE template_storage (template_id text PRIMARY KEY, doc jsonb NOT NULL);
CREATE TABLE data_keys (
  id text PRIMARY KEY,
  scope text NOT NULL,
  gen integer NOT NULL,
  doc jsonb NOT NULL
);
CREATE TABLE records (
  template_id text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  owner text COLLATE "C",
  doc json NOT NULL,
  blind text[] NOT NULL DEFAULT '{}',
  terms jsonb NOT NULL,
  proj jsonb NOT NULL,
  PRIMARY KEY (template_id, id)
);
CREATE INDEX records_owner ON records (template_id, owner, id);
CREATE INDEX records_terms ON records USING gin (terms jsonb_path_ops);
CREATE INDEX records_blind ON records USING gin (blind);
CREATE TABLE record_versions (
  template_id text COLLATE "C" NOT NULL,
  record_id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  doc json NOT NULL,
  PRIMARY KEY (template_id, record_id, version)
);
CREATE TABLE notes (id text PRIMARY KEY, env jsonb NOT NULL);
CREATE TABLE read_sets (
  ord bigserial NOT NULL,
  id text PRIMARY KEY,
  template_id text NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX read_sets_records ON read_sets USING gin ((doc->'records') jsonb_path_ops);
CREATE TABLE audit (
  seq bigint PRIMARY KEY,
  at text NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  line text NOT NULL
);
CREATE INDEX audit_action ON audit (action, seq);
CREATE INDEX audit_target ON audit (target, seq);
CREATE INDEX audit_actor ON audit (actor, seq);
CREATE TABLE audit_head (
  one integer PRIMARY KEY CHECK (one = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, repeat('0', 64));
CREATE TABLE audit_checkpoints (seq bigint NOT NULL, doc jsonb NOT NULL);
CREATE FUNCTION veil_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'The audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION veil_refuse_audit_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION veil_refuse_audit_change();
`,
  },
];

const LOCK_KEY = 7_420_170_001;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates the schema if needed and applies every migration it lacks; returns the versions applied. */
export async function runMigrations(pool: Pool, schema: string): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const migration of MIGRATIONS) {
      if (await applyOne(client, migration)) applied.push(migration.version);
    }
  } finally {
    client.release();
  }
  return applied;
}

async function applyOne(client: PoolClient, migration: (typeof MIGRATIONS)[number]): Promise<boolean> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
      migration.version,
    ]);
    if (done.rowCount) {
      await client.query('COMMIT');
      return false;
    }
    // The one parameter a migration may use: the collection names (inlined as a literal array).
    const collections = `ARRAY[${COLLECTION_NAMES.map((n) => `'${n}'`).join(',')}]`;
    await client.query(migration.sql.replaceAll('$collections', collections));
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      migration.version,
      migration.name,
    ]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
