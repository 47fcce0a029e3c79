import type { UserDoc } from '@veil/store';
import { z } from 'zod';
import { hashPassword } from '../auth/password.js';
import { VeilError } from '../errors/veilError.js';
import { voidExportsOf } from '../exports/voidExportsOf.js';
import { handOverRecords } from '../records/handOverRecords.js';
import type { Services } from '../services/services.js';
import { revokeSharesOf } from '../shares/revokeShare.js';
import { capabilityProcedure, router } from '../trpc.js';
import { revokeSessionsOf } from './authRouter.js';
import { mayOwnRecords, userAccountProcedures } from './userAccountProcedures.js';

const usersProcedure = capabilityProcedure('users.manage');

const userId = z.string().min(1).max(100);
const login = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'use 2–64 lower-case letters, digits, dots, dashes');
const roles = z.array(z.string().min(1).max(64)).min(1).max(20);
const departmentId = z.string().min(1).max(100);

function publicUser(user: UserDoc): Omit<UserDoc, 'passwordHash'> {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

async function assertRoles(services: Services, wanted: string[]): Promise<void> {
  const policy = await services.policies.workspacePolicy();
  const unknown = wanted.filter((r) => !policy.roles.some((role) => role.id === r));
  if (unknown.length > 0) throw new VeilError('invalid-input', `Unknown roles: ${unknown.join(', ')}.`);
}

async function assertDepartments(services: Services, ids: (string | null)[]): Promise<void> {
  for (const id of ids) {
    if (id !== null && !(await services.store.getDoc('departments', id))) {
      throw new VeilError('invalid-input', `Unknown department: ${id}.`);
    }
  }
}

export const usersRouter = router({
  ...userAccountProcedures,

  list: usersProcedure.query(async ({ ctx }) =>
    (await ctx.services.store.listDocs('users')).map((u) => publicUser(u)),
  ),

  create: usersProcedure
    .input(
      z.strictObject({
        login,
        name: z.string().min(1).max(100),
        password: z.string().min(10).max(200),
        roles,
        departmentId: departmentId.nullable(),
        managedDepartmentIds: z.array(departmentId).max(50).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { store } = ctx.services;
      if ((await store.listDocs('users', { login: input.login })).length > 0) {
        throw new VeilError('conflict', 'This login name is taken; choose another.');
      }
      await assertRoles(ctx.services, input.roles);
      await assertDepartments(ctx.services, [input.departmentId, ...(input.managedDepartmentIds ?? [])]);
      const now = ctx.services.now().toISOString();
      const user = {
        id: ctx.services.newId(),
        login: input.login,
        name: input.name,
        passwordHash: await hashPassword(input.password),
        passwordSetAt: now,
        roles: input.roles,
        departmentId: input.departmentId,
        managedDepartmentIds: input.managedDepartmentIds ?? [],
        active: true,
        createdAt: now,
        updatedAt: now,
      };
      await store.putDoc('users', user, {
        actor: ctx.session.userId,
        action: 'user.create',
        target: user.id,
        details: { roles: user.roles, departmentId: user.departmentId },
      });
      ctx.services.policies.invalidate();
      return publicUser(user);
    }),

  setRoles: usersProcedure.input(z.strictObject({ userId, roles })).mutation(async ({ ctx, input }) => {
    const user = await ctx.services.store.getDoc('users', input.userId);
    if (!user) throw new VeilError('not-found', 'No such user.');
    await assertRoles(ctx.services, input.roles);
    const next = { ...user, roles: input.roles, updatedAt: ctx.services.now().toISOString() };
    await ctx.services.store.putDoc('users', next, {
      actor: ctx.session.userId,
      action: 'user.set-roles',
      target: user.id,
      details: { from: user.roles, to: input.roles },
    });
    ctx.services.policies.invalidate();
    return publicUser(next);
  }),

  setDepartment: usersProcedure
    .input(
      z.strictObject({
        userId,
        departmentId: departmentId.nullable(),
        managedDepartmentIds: z.array(departmentId).max(50).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const user = await ctx.services.store.getDoc('users', input.userId);
      if (!user) throw new VeilError('not-found', 'No such user.');
      await assertDepartments(ctx.services, [input.departmentId, ...(input.managedDepartmentIds ?? [])]);
      const next = {
        ...user,
        departmentId: input.departmentId,
        managedDepartmentIds: input.managedDepartmentIds ?? user.managedDepartmentIds,
        updatedAt: ctx.services.now().toISOString(),
      };
      await ctx.services.store.putDoc('users', next, {
        actor: ctx.session.userId,
        action: 'user.set-department',
        target: user.id,
        details: { departmentId: next.departmentId, managedDepartmentIds: next.managedDepartmentIds },
      });
      ctx.services.policies.invalidate();
      return publicUser(next);
    }),

  departments: usersProcedure.query(async ({ ctx }) => ctx.services.store.listDocs('departments')),

  createDepartment: usersProcedure
    .input(z.strictObject({ name: z.string().min(1).max(100), parentId: departmentId.nullable() }))
    .mutation(async ({ ctx, input }) => {
      await assertDepartments(ctx.services, [input.parentId]);
      const department = { id: ctx.services.newId(), name: input.name, parentId: input.parentId };
      await ctx.services.store.putDoc('departments', department, {
        actor: ctx.session.userId,
        action: 'department.create',
        target: department.id,
        details: { parentId: input.parentId },
      });
      ctx.services.policies.invalidate();
      return department;
    }),

  /** One step: sessions die, every record the leaver owns goes to the successor, the account closes. */
  deactivate: usersProcedure
    .input(z.strictObject({ userId, successorId: userId }))
    .mutation(async ({ ctx, input }) => {
      const { store } = ctx.services;
      const actor = ctx.session.userId;
      if (input.userId === input.successorId)
        throw new VeilError('invalid-input', 'The successor must be someone else.');
      const user = await store.getDoc('users', input.userId);
      const successor = await store.getDoc('users', input.successorId);
      if (!user) throw new VeilError('not-found', 'No such user.');
      if (!successor?.active) throw new VeilError('invalid-input', 'The successor must be an active user.');
      if (!(await mayOwnRecords(ctx.services, successor.roles)))
        throw new VeilError(
          'invalid-input',
          'The successor must be someone who may own customers; nothing was changed.',
        );
      // First the account and its sessions, so the leaver can do nothing while records move.
      const now = ctx.services.now().toISOString();
      await store.putDoc('users', { ...user, active: false, updatedAt: now });
      const sessions = await revokeSessionsOf(ctx.services, user.id, actor);
      const reassigned = await handOverRecords(ctx.services, { from: user.id, to: successor.id, actor });
      const exportsVoided = await voidExportsOf(ctx.services, user.id, actor);
      const sharesRevoked = await revokeSharesOf(ctx.services, user.id, actor);
      await store.appendAudit({
        actor,
        action: 'user.deactivate',
        target: user.id,
        details: {
          successor: successor.id,
          reassigned,
          sessionsRevoked: sessions,
          exportsVoided,
          sharesRevoked,
        },
      });
      ctx.services.policies.invalidate();
      return { reassigned, sessionsRevoked: sessions, exportsVoided, sharesRevoked };
    }),
});
