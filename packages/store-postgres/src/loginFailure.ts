import { type LoginAttemptDoc, type LoginFailureInput, serializeAuditBody } from '@veil/store';
import { appendAuditEntries } from './pgAudit.js';
import type { Queryable } from './pgTransaction.js';

/**
 * Counts a failed login inside the caller's transaction, serialized per key by an advisory lock
 * (so concurrent failures on any server count one by one and the lockout holds everywhere).
 */
export async function loginFailure(
  db: Queryable,
  input: LoginFailureInput,
  now: () => Date,
): Promise<LoginAttemptDoc> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('loginAttempts\n' || $1, 0))", [input.id]);
  const { rows } = await db.query<{ doc: LoginAttemptDoc }>(
    "SELECT doc FROM docs WHERE coll = 'loginAttempts' AND id = $1",
    [input.id],
  );
  const existing = rows[0]?.doc;
  const at = Date.parse(input.at);
  const stale = existing !== undefined && Date.parse(existing.lastFailureAt) + input.windowMs < at;
  const failures = existing && !stale ? existing.failures + 1 : 1;
  const locked = failures >= input.lockAfter;
  const doc: LoginAttemptDoc = {
    id: input.id,
    failures,
    firstFailureAt: existing && !stale ? existing.firstFailureAt : input.at,
    lastFailureAt: input.at,
    ...(locked ? { lockedUntil: new Date(at + input.lockMs).toISOString() } : {}),
  };
  await db.query(
    "INSERT INTO docs (coll, id, doc) VALUES ('loginAttempts', $1, $2) ON CONFLICT (coll, id) DO UPDATE SET doc = EXCLUDED.doc",
    [doc.id, JSON.stringify(doc)],
  );
  await db.query("UPDATE doc_revisions SET rev = rev + 1 WHERE coll = 'loginAttempts'");
  const body = serializeAuditBody({
    actor: input.audit.actor,
    action: locked ? input.audit.lockedAction : input.audit.action,
    target: input.audit.target,
    details: { failures },
  });
  await appendAuditEntries(db, [body], now);
  return doc;
}
