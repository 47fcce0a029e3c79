import type { SessionDoc } from '@veil/store';
import type { Services } from '../services/services.js';

/** How often a running server removes dead sessions. */
const SESSION_PRUNE_EVERY_MS = 5 * 60_000;
/** Deletions committed together (one store batch each: every shard is rewritten at most once per batch). */
const PRUNE_BATCH = 10_000;

/** Revoked, expired (absolute lifetime) or idle past the idle timeout: never valid again. */
function isDead(session: SessionDoc, now: number, idleMs: number): boolean {
  return (
    session.revoked || Date.parse(session.expiresAt) <= now || Date.parse(session.lastSeenAt) + idleMs <= now
  );
}

/**
 * Removes every session that can never be used again. Not audited: the login, logout and
 * revocation that made them were. A periodic job, never part of a request.
 */
async function pruneSessions(services: Services): Promise<number> {
  const now = services.now().getTime();
  const dead = (await services.store.listDocs('sessions')).filter((s) =>
    isDead(s, now, services.config.sessionIdleMs),
  );
  for (let i = 0; i < dead.length; i += PRUNE_BATCH) {
    await Promise.all(dead.slice(i, i + PRUNE_BATCH).map((s) => services.store.deleteDoc('sessions', s.id)));
  }
  if (dead.length > 0) services.logger.log({ level: 'info', event: 'sessions.prune', status: dead.length });
  return dead.length;
}

/** A running prune job. */
export interface SessionPruning {
  /** Stops the timer and waits for a prune under way. */
  stop(): Promise<void>;
}

/** Prunes now (awaited, so a start after an upgrade begins clean), then every `everyMs`. */
export async function startSessionPruning(
  services: Services,
  everyMs: number = SESSION_PRUNE_EVERY_MS,
): Promise<SessionPruning> {
  await pruneSessions(services);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() =>
      pruneSessions(services).catch(() => {
        services.logger.log({ level: 'error', event: 'sessions.prune', errorCode: 'internal' });
      }),
    );
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
