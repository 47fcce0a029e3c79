import type { Operator } from '@veil/server';
import { VeilError } from '@veil/server';
import type { UserDoc } from '@veil/store';
import type { CliContext } from './cliContext.js';
import { CliError } from './cliError.js';

/**
 * Runs a procedure; a refusal (bad input, a rule of the operation, the policy) becomes an error
 * that carries the operation's own public message and the code it gave.
 */
export async function callProcedure<T>(ctx: CliContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // A tRPC error (the CLI does not depend on @trpc/server: recognised by its name and code).
    if (!(error instanceof Error && error.name === 'TRPCError' && 'code' in error)) throw error;
    const code = String(error.code);
    const cause = error.cause;
    const reason =
      cause instanceof VeilError && cause.isPublic
        ? cause.message
        : code === 'BAD_REQUEST'
          ? 'the input is not valid.'
          : 'an internal error.';
    throw new CliError(
      'refused',
      ctx.t('user.refused', { reason: /[.。]$/.test(reason) ? reason : `${reason}.` }),
      1,
      {
        cause: error,
        details: { veilCode: cause instanceof VeilError ? cause.code : code.toLowerCase() },
      },
    );
  }
}

/** The user with this login, or an error naming the login. */
export async function userByLogin(ctx: CliContext, operator: Operator, login: string): Promise<UserDoc> {
  const [user] = await operator.store.listDocs('users', { login });
  if (!user) throw new CliError('user-not-found', ctx.t('user.notFound', { login }));
  return user;
}
