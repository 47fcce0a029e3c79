import type { IncomingMessage } from 'node:http';
import { StoreError } from '@veil/store';
import type { Services } from '../services/services.js';
import type { ActiveSession } from '../trpc.js';
import { readSessionToken, sessionIdOf } from './sessionCookie.js';

// Writing lastSeenAt on every request would turn reads into writes; a minute of slack is enough.
const TOUCH_AFTER_MS = 60_000;

/** The session behind a request's cookie, if it is alive (not revoked, not idle, not expired, user active). */
export async function resolveSession(
  services: Services,
  req: IncomingMessage,
): Promise<ActiveSession | null> {
  const token = readSessionToken(req);
  if (token === null) return null;
  const id = sessionIdOf(token);
  const session = await services.store.getDoc('sessions', id);
  if (!session || session.revoked) return null;
  const now = services.now().getTime();
  if (Date.parse(session.expiresAt) <= now) return null;
  if (Date.parse(session.lastSeenAt) + services.config.sessionIdleMs <= now) return null;
  const user = await services.store.getDoc('users', session.userId);
  if (!user?.active) return null;
  if (now - Date.parse(session.lastSeenAt) > TOUCH_AFTER_MS) {
    // On a full disk the touch waits for the next request; the request itself is served.
    await services.store
      .putDoc('sessions', { ...session, lastSeenAt: new Date(now).toISOString() })
      .catch((error: unknown) => {
        if (!(error instanceof StoreError && error.code === 'STORAGE_FULL')) throw error;
      });
  }
  return {
    sessionKey: id,
    userId: user.id,
    username: user.login,
    principal: {
      id: user.id,
      roles: [...user.roles],
      departmentId: user.departmentId,
      managedDepartmentIds: [...user.managedDepartmentIds],
      name: user.name,
    },
  };
}
