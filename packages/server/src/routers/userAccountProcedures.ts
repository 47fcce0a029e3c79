import { can } from '@veil/policy';
import type { UserDoc } from '@veil/store';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';
import { authedProcedure, capabilityProcedure } from '../trpc.js';

const usersProcedure = capabilityProcedure('users.manage');

const userId = z.string().min(1).max(100);
const password = z.string().min(10).max(200);

/**
 * Can a user with these roles own customers (be a successor, receive a reassigned record)? Those
 * the workspace policy grants `records.create` (the policy decides; no role id is named here).
 */
export async function mayOwnRecords(services: Services, roles: readonly string[]): Promise<boolean> {
  return can(await services.policies.workspacePolicy(), { roles }, 'records.create');
}

/** Ends a user's live sessions except `keep`; returns how many ended. */
async function endSessions(services: Services, userId: string, keep: string | null): Promise<number> {
  const sessions = await services.store.listDocs('sessions', { userId, revoked: false });
  let ended = 0;
  for (const session of sessions) {
    if (session.id === keep) continue;
    await services.store.putDoc('sessions', { ...session, revoked: true });
    ended += 1;
  }
  return ended;
}

async function setPassword(services: Services, user: UserDoc, next: string): Promise<void> {
  const now = services.now().toISOString();
  await services.store.putDoc('users', {
    ...user,
    passwordHash: await hashPassword(next),
    passwordSetAt: now,
    updatedAt: now,
  });
}

/** Password and succession procedures of the users router. */
export const userAccountProcedures = {
  /** Who may take over a leaver's customers: active people, not the leaver, who may own customers. */
  successors: usersProcedure.input(z.strictObject({ userId })).query(async ({ ctx, input }) => {
    const users = await ctx.services.store.listDocs('users', { active: true });
    const out: { id: string; name: string }[] = [];
    for (const user of users) {
      if (user.id === input.userId || !(await mayOwnRecords(ctx.services, user.roles))) continue;
      out.push({ id: user.id, name: user.name });
    }
    return out;
  }),

  /** The caller changes their own password; every other session of theirs ends. */
  changeOwnPassword: authedProcedure
    .input(z.strictObject({ current: z.string().min(1).max(200), next: password }))
    .mutation(async ({ ctx, input }) => {
      const user = await ctx.services.store.getDoc('users', ctx.session.userId);
      if (!user?.passwordHash || !(await verifyPassword(input.current, user.passwordHash))) {
        throw new VeilError('invalid-input', 'The current password is not right; nothing was changed.');
      }
      if (input.next === input.current)
        throw new VeilError('invalid-input', 'Choose a new password different from the current one.');
      await setPassword(ctx.services, user, input.next);
      const ended = await endSessions(ctx.services, user.id, ctx.session.sessionKey);
      await ctx.services.store.appendAudit({
        actor: user.id,
        action: 'user.change-password',
        target: user.id,
        details: { sessionsRevoked: ended },
      });
      return { sessionsRevoked: ended };
    }),

  /** An admin sets a new password for someone; all of that user's sessions end. */
  resetPassword: usersProcedure
    .input(z.strictObject({ userId, password }))
    .mutation(async ({ ctx, input }) => {
      const user = await ctx.services.store.getDoc('users', input.userId);
      if (!user) throw new VeilError('not-found', 'No such user.');
      await setPassword(ctx.services, user, input.password);
      const keep = user.id === ctx.session.userId ? ctx.session.sessionKey : null;
      const ended = await endSessions(ctx.services, user.id, keep);
      await ctx.services.store.appendAudit({
        actor: ctx.session.userId,
        action: 'user.reset-password',
        target: user.id,
        details: { sessionsRevoked: ended },
      });
      return { sessionsRevoked: ended };
    }),
};
