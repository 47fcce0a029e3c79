import { callProcedure, userByLogin } from '../core/callProcedure.js';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { type StoreFolderOptions, withOperator } from '../core/withOperator.js';

/**
 * `veil users deactivate LOGIN --successor LOGIN`: `users.deactivate` as the operator — sessions
 * end, the leaver's records go to the successor, their exports and shares are voided.
 */
export async function usersDeactivate(
  ctx: CliContext,
  login: string,
  options: StoreFolderOptions & { successor: string },
): Promise<CommandResult> {
  return withOperator(ctx, options, async (operator) => {
    const user = await userByLogin(ctx, operator, login);
    const successor = await userByLogin(ctx, operator, options.successor);
    const caller = await operator.callerWith('users.manage');
    const result = await callProcedure(ctx, () =>
      caller.users.deactivate({ userId: user.id, successorId: successor.id }),
    );
    return {
      exitCode: 0,
      text: ctx.t('user.deactivated', {
        login,
        successor: successor.login,
        reassigned: result.reassigned,
        sessions: result.sessionsRevoked,
        exports: result.exportsVoided,
        shares: result.sharesRevoked,
      }),
      json: {
        user: { id: user.id, login },
        successor: { id: successor.id, login: successor.login },
        ...result,
      },
    };
  });
}
