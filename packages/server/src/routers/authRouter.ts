import { can, capabilitiesOf } from '@veil/policy';
import { z } from 'zod';
import { getDummyHash, verifyPassword } from '../auth/password.js';
import { clearedSessionCookie, newSessionToken, sessionCookie } from '../auth/sessionCookie.js';
import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';
import { authedProcedure, publicProcedure, router } from '../trpc.js';

const LOCKED_MESSAGE =
  'Too many failed sign-ins: this account is locked for a while. Try again later or ask an admin.';
const FAILED_MESSAGE = 'The login name or the password is wrong.';

// Login attempts are counted per login name. The key is the login name's audit reference (an
// HMAC with the audit reference key, like every other reference), so neither the store nor the
// audit entry of a failure for an unknown name holds the name or an unkeyed hash of it.
function attemptKey(services: Services, login: string): string {
  return `login:${services.keyring.auditRef(`login:${login}`)}`;
}

function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

async function recordFailure(services: Services, key: string, userId: string | null): Promise<boolean> {
  // One atomic count in the store (with its audit entry), so the lockout holds across servers.
  const attempt = await services.store.recordLoginFailure({
    id: key,
    at: services.now().toISOString(),
    windowMs: services.config.lockoutMs,
    lockAfter: services.config.lockoutThreshold,
    lockMs: services.config.lockoutMs,
    audit: {
      actor: userId ?? 'anonymous',
      target: userId ?? key,
      action: 'auth.login-failed',
      lockedAction: 'auth.locked',
    },
  });
  return attempt.lockedUntil !== undefined;
}

// Attempts on one login name run one at a time: concurrent requests (or a batch) would otherwise
// all read the same failure count, skip the delay and never reach the lock.
const attemptQueues = new WeakMap<Services, Map<string, Promise<unknown>>>();

async function oneAtATime<T>(services: Services, key: string, run: () => Promise<T>): Promise<T> {
  let queues = attemptQueues.get(services);
  if (!queues) {
    queues = new Map();
    attemptQueues.set(services, queues);
  }
  const previous = queues.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(run);
  const settled = current.catch(() => undefined);
  queues.set(key, settled);
  try {
    return await current;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

export const authRouter = router({
  login: publicProcedure
    .input(z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const { services } = ctx;
      const login = normalizeLogin(input.username);
      const key = attemptKey(services, login);
      return oneAtATime(services, key, async () => {
        const attempts = await services.store.getDoc('loginAttempts', key);
        const now = services.now().getTime();
        if (attempts?.lockedUntil && Date.parse(attempts.lockedUntil) > now) {
          throw new VeilError('locked', LOCKED_MESSAGE);
        }
        const recent = attempts && Date.parse(attempts.lastFailureAt) + services.config.lockoutMs >= now;
        const delay = services.config.loginDelayMs(recent ? attempts.failures : 0);
        if (delay > 0) await services.sleep(delay);
        const [user] = await services.store.listDocs('users', { login });
        const hash = user?.active && user.passwordHash ? user.passwordHash : await getDummyHash();
        const ok =
          (await verifyPassword(input.password, hash)) && user?.active === true && user.passwordHash !== null;
        if (!ok || !user) {
          const locked = await recordFailure(services, key, user?.id ?? null);
          throw new VeilError(
            locked ? 'locked' : 'unauthenticated',
            locked ? LOCKED_MESSAGE : FAILED_MESSAGE,
          );
        }
        if (attempts) await services.store.deleteDoc('loginAttempts', key);
        const { token, id } = newSessionToken();
        const createdAt = services.now();
        const expiresAt = new Date(createdAt.getTime() + services.config.sessionAbsoluteMs);
        await services.store.putDoc(
          'sessions',
          {
            id,
            userId: user.id,
            createdAt: createdAt.toISOString(),
            lastSeenAt: createdAt.toISOString(),
            expiresAt: expiresAt.toISOString(),
            revoked: false,
          },
          { actor: user.id, action: 'auth.login', target: user.id, details: {} },
        );
        ctx.res.appendHeader(
          'Set-Cookie',
          sessionCookie(token, {
            maxAgeSeconds: Math.floor(services.config.sessionAbsoluteMs / 1000),
            secure: ctx.tls,
          }),
        );
        return { userId: user.id, name: user.name, roles: user.roles, expiresAt: expiresAt.toISOString() };
      });
    }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    const session = await ctx.services.store.getDoc('sessions', ctx.session.sessionKey);
    if (session) {
      await ctx.services.store.putDoc(
        'sessions',
        { ...session, revoked: true },
        { actor: ctx.session.userId, action: 'auth.logout', target: ctx.session.userId, details: {} },
      );
    }
    ctx.res.appendHeader('Set-Cookie', clearedSessionCookie(ctx.tls));
    return { ok: true as const };
  }),

  me: authedProcedure.query(async ({ ctx }) => {
    const me = await describeUser(ctx.services, ctx.session.userId);
    if (!me) throw new VeilError('unauthenticated', 'Sign in first: there is no valid session.');
    return me;
  }),

  /**
   * The signed-in user, or `null` without a session: what the app asks on every page load, so a
   * visitor who has not signed in yet gets an answer rather than a 401 in the console.
   */
  current: publicProcedure.query(async ({ ctx }) =>
    ctx.session ? await describeUser(ctx.services, ctx.session.userId) : null,
  ),

  /** The caller's live sessions (ids are the stored hashes, never tokens). */
  sessions: authedProcedure.query(async ({ ctx }) => {
    const now = ctx.services.now().getTime();
    const sessions = await ctx.services.store.listDocs('sessions', {
      userId: ctx.session.userId,
      revoked: false,
    });
    return sessions
      .filter((s) => Date.parse(s.expiresAt) > now)
      .map((s) => ({
        id: s.id,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        current: s.id === ctx.session.sessionKey,
      }));
  }),

  /** Revoke one of the caller's sessions; holders of `users.manage` may revoke anyone's. */
  revokeSession: authedProcedure
    .input(z.strictObject({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) }))
    .mutation(async ({ ctx, input }) => {
      const session = await ctx.services.store.getDoc('sessions', input.sessionId);
      const manager = can(
        await ctx.services.policies.workspacePolicy(),
        ctx.session.principal,
        'users.manage',
      );
      if (!session || (session.userId !== ctx.session.userId && !manager)) {
        throw new VeilError('not-found', 'No such session.');
      }
      await ctx.services.store.putDoc(
        'sessions',
        { ...session, revoked: true },
        { actor: ctx.session.userId, action: 'auth.revoke-session', target: session.userId, details: {} },
      );
      return { revoked: 1 };
    }),

  /** Revoke every session of the caller (or, with `users.manage`, of `userId`). */
  revokeAllSessions: authedProcedure
    .input(z.strictObject({ userId: z.string().min(1).max(100).optional() }).optional())
    .mutation(async ({ ctx, input }) => {
      const target = input?.userId ?? ctx.session.userId;
      const policy = await ctx.services.policies.workspacePolicy();
      if (target !== ctx.session.userId && !can(policy, ctx.session.principal, 'users.manage')) {
        throw new VeilError('forbidden', "Only a user manager may revoke another user's sessions.");
      }
      const revoked = await revokeSessionsOf(ctx.services, target, ctx.session.userId);
      return { revoked };
    }),
});

/** A user as `auth.me` and `auth.current` describe them (with their capabilities); `null` when the user no longer exists. */
async function describeUser(services: Services, userId: string) {
  const user = await services.store.getDoc('users', userId);
  if (!user) return null;
  const policy = await services.policies.workspacePolicy();
  return {
    id: user.id,
    login: user.login,
    name: user.name,
    roles: user.roles,
    roleKinds: user.roles.map((role) => policy.roles.find((r) => r.id === role)?.kind ?? 'staff'),
    /** What the user may do: the web offers actions by these, never by role ids. */
    capabilities: capabilitiesOf(policy, { roles: user.roles }),
    departmentId: user.departmentId,
    managedDepartmentIds: user.managedDepartmentIds,
  };
}

/** Revokes every live session of `userId`; one audit entry. */
export async function revokeSessionsOf(services: Services, userId: string, actor: string): Promise<number> {
  const sessions = await services.store.listDocs('sessions', { userId, revoked: false });
  for (const session of sessions) await services.store.putDoc('sessions', { ...session, revoked: true });
  await services.store.appendAudit({
    actor,
    action: 'auth.revoke-all-sessions',
    target: userId,
    details: { count: sessions.length },
  });
  return sessions.length;
}
