import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the PostgreSQL suites use (`VEIL_TEST_DATABASE_URL`, default the CI machine's). */
export const TEST_DATABASE_URL =
  process.env.VEIL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers; under `CI=true` an unreachable database is an error, not a skip. */
export async function postgresReachable(url = TEST_DATABASE_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL is not reachable at ${url.replace(/\/\/[^@]*@/, '//')} (CI=true).`, {
        cause: error,
      });
    console.warn(`NOTICE: PostgreSQL is not reachable; the PostgreSQL suites are skipped.`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema name for one test run or case (created by the store's migrations, dropped by `dropSchema`). */
export function testSchemaName(prefix = 'veil_t'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '')}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Every row of every table of a schema as text (what the database persisted), for canary scans. */
export async function schemaBytes(schema: string, url = TEST_DATABASE_URL): Promise<Buffer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1",
      [schema],
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query<{ t: string }>(
        `SELECT t::text AS t FROM "${schema}"."${table_name.replace(/"/g, '')}" t`,
      );
      for (const row of rows.rows) parts.push(row.t);
    }
    return Buffer.from(parts.join('\n'), 'utf8');
  } finally {
    await client.end();
  }
}
