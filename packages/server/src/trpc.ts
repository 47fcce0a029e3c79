import type { IncomingMessage, ServerResponse } from 'node:http';
import { initTRPC, TRPCError } from '@trpc/server';
import { can, type Principal } from '@veil/policy';
import type { WorkspaceCapability } from '@veil/schema';
import { StoreError } from '@veil/store';
import {
  GENERIC_INTERNAL_MESSAGE,
  STORAGE_FULL_MESSAGE,
  TRPC_CODE_OF,
  VeilError,
  type VeilIssue,
} from './errors/veilError.js';
import { assertSafeKeys } from './http/assertSafeKeys.js';
import { clientAddressOf } from './http/clientAddress.js';
import type { Services } from './services/services.js';

/** The signed-in user behind a request; resolved from the session cookie, never from input. */
export interface ActiveSession {
  /** The stored (hashed) session id. */
  sessionKey: string;
  userId: string;
  username: string;
  principal: Principal;
}

export interface RequestContext {
  services: Services;
  req: IncomingMessage;
  res: ServerResponse;
  /** Served over TLS (cookies get `Secure`). */
  tls: boolean;
  session: ActiveSession | null;
  /** From Accept-Language: `en` or the default `zh-CN`. */
  locale: 'zh-CN' | 'en';
}

/** What every error carries to the client besides tRPC's own fields. */
export interface VeilErrorData {
  veilCode: string;
  issues: VeilIssue[];
}

function issuesOfStandardSchema(cause: unknown): VeilIssue[] | null {
  if (cause === null || typeof cause !== 'object' || !('issues' in cause)) return null;
  const issues = (cause as { issues: unknown }).issues;
  if (!Array.isArray(issues)) return null;
  return issues.map((issue: { path?: readonly unknown[]; code?: string; message?: string }) => ({
    path:
      `/${(issue.path ?? []).map((p) => String(typeof p === 'object' && p !== null && 'key' in p ? p.key : p)).join('/')}`.replace(
        /\/$/,
        '',
      ) || '/',
    code: issue.code ?? 'invalid',
    message: issue.message ?? 'Invalid input.',
  }));
}

const t = initTRPC.context<RequestContext>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let message = shape.message;
    let veil: VeilErrorData;
    if (cause instanceof VeilError) {
      message = cause.isPublic ? cause.message : GENERIC_INTERNAL_MESSAGE;
      veil = { veilCode: cause.code, issues: cause.isPublic ? cause.issues : [] };
    } else if (error.code === 'BAD_REQUEST' && issuesOfStandardSchema(cause)) {
      const issues = issuesOfStandardSchema(cause) ?? [];
      message = `The input is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
      veil = { veilCode: 'invalid-input', issues };
    } else if (cause instanceof SyntaxError) {
      // JSON.parse quotes the text around the fault: never echo input.
      message = 'The input is not valid JSON.';
      veil = { veilCode: 'invalid-input', issues: [] };
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = GENERIC_INTERNAL_MESSAGE;
      veil = { veilCode: 'internal', issues: [] };
    } else {
      veil = { veilCode: error.code.toLowerCase().replace(/_/g, '-'), issues: [] };
    }
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, ...veil } };
  },
});

export const router = t.router;
/** Callers of a router without HTTP (the operator commands of `openOperator`). */
export const createCallerFactory = t.createCallerFactory;

/** Outermost: one log line per call, VeilError → tRPC code, unknown throws stay internal. */
const boundary = t.middleware(async ({ ctx, path, type, next, getRawInput }) => {
  const started = performance.now();
  let result: Awaited<ReturnType<typeof next>>;
  try {
    assertSafeKeys(await getRawInput());
    result = await next();
  } catch (error) {
    result = { ok: false, error: toTRPCError(error), marker: undefined as never } as Awaited<
      ReturnType<typeof next>
    >;
  }
  if (!result.ok) {
    const cause = result.error.cause;
    const error = toTRPCError(
      cause instanceof VeilError || cause instanceof StoreError ? cause : result.error,
    );
    const veilCode = error.cause instanceof VeilError ? error.cause.code : error.code;
    ctx.services.logger.log({
      level: error.code === 'INTERNAL_SERVER_ERROR' ? 'error' : 'warn',
      event: 'request',
      procedure: path,
      client: clientAddressOf(ctx.req),
      ...(ctx.session ? { principal: ctx.session.userId } : {}),
      status: error.code,
      durationMs: Math.round(performance.now() - started),
      errorCode: errorCodeOf(error, veilCode),
      note: type,
    });
    throw error;
  }
  ctx.services.logger.log({
    level: 'info',
    event: 'request',
    procedure: path,
    client: clientAddressOf(ctx.req),
    ...(ctx.session ? { principal: ctx.session.userId } : {}),
    status: 'OK',
    durationMs: Math.round(performance.now() - started),
    note: type,
  });
  return result;
});

function internalName(error: TRPCError): string {
  const cause = error.cause;
  return cause instanceof Error ? `internal:${cause.name}` : 'internal';
}

/** `storage-full:ENOSPC`: the log names the system's code, the client gets the plain message. */
function errorCodeOf(error: TRPCError, veilCode: string): string {
  if (error.code === 'INTERNAL_SERVER_ERROR') return internalName(error);
  if (veilCode !== 'storage-full') return veilCode;
  const errno = ((error.cause as VeilError | undefined)?.cause as StoreError | undefined)?.cause as
    | NodeJS.ErrnoException
    | undefined;
  return `storage-full:${errno?.code ?? 'ENOSPC'}`;
}

function toTRPCError(error: unknown): TRPCError {
  // A full disk is reported as such wherever the store call was made.
  if (error instanceof StoreError && error.code === 'STORAGE_FULL')
    return toTRPCError(new VeilError('storage-full', STORAGE_FULL_MESSAGE, { cause: error }));
  if (error instanceof VeilError)
    return new TRPCError({ code: TRPC_CODE_OF[error.code], message: error.message, cause: error });
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: GENERIC_INTERNAL_MESSAGE, cause: error });
}

export const publicProcedure = t.procedure.use(boundary);

/** A signed-in principal is required; the principal comes from the session. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  const session = ctx.session;
  if (!session) throw new VeilError('unauthenticated', 'Sign in first: there is no valid session.');
  return next({ ctx: { ...ctx, session } });
});

/**
 * Only principals holding `capability` under the current workspace policy (`can` from
 * `@veil/policy`); roles are never compared here.
 */
export function capabilityProcedure(capability: WorkspaceCapability) {
  return authedProcedure.use(async ({ ctx, next }) => {
    const policy = await ctx.services.policies.workspacePolicy();
    if (!can(policy, ctx.session.principal, capability)) {
      throw new VeilError('forbidden', `This needs the capability "${capability}".`);
    }
    return next();
  });
}
