import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';

/** A pool or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs `fn` in one transaction (READ COMMITTED; row locks and the audit head serialize what
 * must be). A deadlock or serialization failure rolls back and runs the unit again (it changed
 * nothing); any other error rolls back and is thrown.
 */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      const code = (error as { code?: string }).code;
      if (attempt < 5 && code !== undefined && RETRYABLE.has(code)) continue;
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
