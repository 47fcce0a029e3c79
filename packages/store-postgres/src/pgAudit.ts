import {
  type AuditCheckpoint,
  type AuditEntry,
  type AuditFilter,
  type AuditPage,
  type AuditRange,
  type AuditVerifyResult,
  checkAuditStream,
  formatAuditLine,
  type KeyMaterial,
  parseAuditLine,
  StoreError,
  signCheckpoint,
} from '@veil/store';
import type { Pool } from 'pg';
import type { Queryable } from './pgTransaction.js';

/**
 * Appends entries (bodies serialized when handed in) inside the caller's transaction. The one
 * `audit_head` row, locked until commit, is the chain's single serialized sequence: servers
 * sharing the database append one after another, and a rolled-back unit leaves no gap.
 */
export async function appendAuditEntries(
  db: Queryable,
  bodies: readonly string[],
  now: () => Date,
): Promise<AuditEntry[]> {
  if (bodies.length === 0) return [];
  const { rows } = await db.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_head WHERE one = 1 FOR UPDATE',
  );
  const head = rows[0];
  if (head === undefined) throw new StoreError('CORRUPT', 'The audit_head row is missing.');
  let seq = Number(head.seq);
  let prev = head.hash;
  const at = now().toISOString();
  const entries: AuditEntry[] = [];
  const lines: string[] = [];
  for (const body of bodies) {
    seq += 1;
    const { line, hash } = formatAuditLine(seq, prev, at, body);
    const text = line.slice(0, -1);
    lines.push(text);
    entries.push(parseAuditLine(text));
    prev = hash;
  }
  await db.query(
    `INSERT INTO audit (seq, at, actor, action, target, line)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [
      entries.map((e) => e.seq),
      entries.map((e) => e.at),
      entries.map((e) => String(e.actor)),
      entries.map((e) => String(e.action)),
      entries.map((e) => String(e.target)),
      lines,
    ],
  );
  await db.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE one = 1', [seq, prev]);
  return entries;
}

export async function listAuditPage(db: Queryable, filter: AuditFilter = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replace('?', `$${values.length}`));
  };
  if (filter.cursor !== undefined) {
    const below = Number(filter.cursor);
    if (!Number.isSafeInteger(below))
      throw new StoreError('INVALID', 'The cursor is not one this store issued.');
    add('seq < ?', below);
  }
  if (filter.actor !== undefined) add('actor = ?', filter.actor);
  if (filter.action !== undefined) add('action = ?', filter.action);
  if (filter.target !== undefined) add('target = ?', filter.target);
  if (filter.from !== undefined) add('at >= ?', filter.from);
  if (filter.to !== undefined) add('at < ?', filter.to);
  values.push(limit + 1);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const { rows } = await db.query<{ line: string }>(
    `SELECT line FROM audit ${where} ORDER BY seq DESC LIMIT $${values.length}`,
    values,
  );
  const entries = rows.slice(0, limit).map((r) => parseAuditLine(r.line));
  const last = entries[entries.length - 1];
  return { entries, nextCursor: rows.length > limit && last ? String(last.seq) : null };
}

export async function* exportAuditEntries(pool: Pool, range: AuditRange = {}): AsyncIterable<AuditEntry> {
  let from = Math.max(range.fromSeq ?? 1, 1);
  const to = range.toSeq ?? Number.MAX_SAFE_INTEGER;
  while (from <= to) {
    const { rows } = await pool.query<{ line: string }>(
      'SELECT line FROM audit WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT 1000',
      [from, to],
    );
    if (rows.length === 0) return;
    for (const row of rows) yield parseAuditLine(row.line);
    from = (parseAuditLine((rows[rows.length - 1] as { line: string }).line).seq as number) + 1;
  }
}

/**
 * Verifies the chain with the embedded store's scanner (the same bytes: `line\n` per entry), read
 * in pages inside one snapshot, against the head row, the stored and the given checkpoints.
 */
export async function verifyAuditChain(
  pool: Pool,
  keys: KeyMaterial,
  checkpoints: readonly AuditCheckpoint[],
): Promise<AuditVerifyResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = (await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head'))
      .rows[0];
    const size = Number(
      (await client.query<{ n: string | null }>('SELECT sum(octet_length(line) + 1) AS n FROM audit')).rows[0]
        ?.n ?? 0,
    );
    const stored = (
      await client.query<{ doc: AuditCheckpoint }>('SELECT doc FROM audit_checkpoints ORDER BY seq')
    ).rows.map((r) => r.doc);
    let pending = Buffer.alloc(0);
    let nextSeq = 1;
    let exhausted = false;
    const read = async (buffer: Buffer, offset: number, length: number): Promise<number> => {
      while (pending.length < length && !exhausted) {
        const { rows } = await client.query<{ seq: string; line: string }>(
          'SELECT seq, line FROM audit WHERE seq >= $1 ORDER BY seq LIMIT 2000',
          [nextSeq],
        );
        if (rows.length === 0) exhausted = true;
        else {
          nextSeq = Number((rows[rows.length - 1] as { seq: string }).seq) + 1;
          pending = Buffer.concat([pending, Buffer.from(rows.map((r) => `${r.line}\n`).join(''), 'utf8')]);
        }
      }
      const n = Math.min(length, pending.length);
      pending.copy(buffer, offset, 0, n);
      pending = pending.subarray(n);
      return n;
    };
    const result = await checkAuditStream(read, size, checkpoints, {
      upToSeq: Number.POSITIVE_INFINITY,
      stored,
      trustedPublicKey: keys.publicKeyPem,
      keptHead: { seq: Number(head?.seq ?? 0), hash: head?.hash ?? '' },
    });
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Signs the current head and keeps the checkpoint (in the same transaction as reading the head). */
export async function writeCheckpoint(
  db: Queryable,
  keys: KeyMaterial,
  now: () => Date,
): Promise<AuditCheckpoint> {
  const head = (await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head FOR UPDATE'))
    .rows[0];
  const checkpoint = signCheckpoint(
    Number(head?.seq ?? 0),
    head?.hash ?? '',
    now().toISOString(),
    keys.signingKey,
    keys.publicKeyPem,
  );
  await db.query('INSERT INTO audit_checkpoints (seq, doc) VALUES ($1, $2)', [
    checkpoint.seq,
    JSON.stringify(checkpoint),
  ]);
  return checkpoint;
}
