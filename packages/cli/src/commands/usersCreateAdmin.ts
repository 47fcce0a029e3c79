import { callProcedure } from '../core/callProcedure.js';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';
import { readNewPassword } from '../core/readSecret.js';
import { type StoreFolderOptions, withOperator } from '../core/withOperator.js';

export interface CreateAdminOptions extends StoreFolderOptions {
  login: string;
  name?: string;
  role?: string;
}

/**
 * `veil users create-admin`: `users.create` as the operator, with a role the workspace policy
 * lets manage users (`--role`, else the first such role). Works on a new data folder too: that
 * is how a real workspace starts without the demo.
 */
export async function usersCreateAdmin(ctx: CliContext, options: CreateAdminOptions): Promise<CommandResult> {
  const password = await readNewPassword(ctx);
  return withOperator(ctx, { ...options, create: true }, async (operator) => {
    const roles = await operator.rolesWith('users.manage');
    const role = options.role ?? roles[0];
    if (role === undefined || !roles.includes(role))
      throw new CliError(
        'no-admin-role',
        ctx.t('user.noAdminRole', { role: options.role === undefined ? '' : ` (${options.role})` }),
      );
    const caller = await operator.callerWith('users.manage');
    const user = await callProcedure(ctx, () =>
      caller.users.create({
        login: options.login,
        name: options.name ?? options.login,
        password,
        roles: [role],
        departmentId: null,
      }),
    );
    return {
      exitCode: 0,
      text: ctx.t('user.created', { login: user.login, id: user.id, role }),
      json: { user: { id: user.id, login: user.login, name: user.name, roles: user.roles } },
    };
  });
}
