import { callProcedure, userByLogin } from '../core/callProcedure.js';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { readNewPassword } from '../core/readSecret.js';
import { type StoreFolderOptions, withOperator } from '../core/withOperator.js';

/** `veil users reset-password LOGIN`: `users.resetPassword` as the operator (every session of the user ends). */
export async function usersResetPassword(
  ctx: CliContext,
  login: string,
  options: StoreFolderOptions,
): Promise<CommandResult> {
  const password = await readNewPassword(ctx);
  return withOperator(ctx, options, async (operator) => {
    const user = await userByLogin(ctx, operator, login);
    const caller = await operator.callerWith('users.manage');
    const { sessionsRevoked } = await callProcedure(ctx, () =>
      caller.users.resetPassword({ userId: user.id, password }),
    );
    return {
      exitCode: 0,
      text: ctx.t('user.reset', { login, sessions: sessionsRevoked }),
      json: { user: { id: user.id, login }, sessionsRevoked },
    };
  });
}
