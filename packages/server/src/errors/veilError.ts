import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** Every error the server raises on purpose. */
export type VeilErrorCode =
  | 'invalid-input'
  | 'unsafe-key'
  | 'payload-too-large'
  | 'unauthenticated'
  | 'csrf'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'locked'
  | 'too-many-requests'
  | 'storage-full'
  | 'query-refused'
  | 'write-refused'
  | 'validation-failed'
  | 'template-invalid'
  | 'lint-errors'
  | 'confirmation-required'
  | 'internal';

/** A problem as data: where (a JSON pointer), what, and what to do. Never a value. */
export interface VeilIssue {
  path: string;
  code: string;
  message: string;
}

export interface VeilErrorOptions {
  /** The message may be shown to the client (default true; `internal` is never public). */
  isPublic?: boolean;
  cause?: unknown;
  /** Structured problems, safe to send (paths and codes only). */
  issues?: VeilIssue[];
}

/** The one error class of the server: a string code, a message that never holds a value, a cause. */
export class VeilError extends Error {
  readonly code: VeilErrorCode;
  readonly isPublic: boolean;
  readonly issues: VeilIssue[];
  override readonly cause: unknown;

  constructor(code: VeilErrorCode, message: string, options: VeilErrorOptions = {}) {
    super(message);
    this.name = 'VeilError';
    this.code = code;
    this.isPublic = code === 'internal' ? false : (options.isPublic ?? true);
    this.cause = options.cause;
    this.issues = options.issues ?? [];
  }
}

/** The one table mapping Veil codes to tRPC (and so HTTP) codes. */
export const TRPC_CODE_OF: Record<VeilErrorCode, TRPC_ERROR_CODE_KEY> = {
  'invalid-input': 'BAD_REQUEST',
  'unsafe-key': 'BAD_REQUEST',
  'payload-too-large': 'PAYLOAD_TOO_LARGE',
  unauthenticated: 'UNAUTHORIZED',
  csrf: 'FORBIDDEN',
  forbidden: 'FORBIDDEN',
  'not-found': 'NOT_FOUND',
  conflict: 'CONFLICT',
  locked: 'TOO_MANY_REQUESTS',
  'too-many-requests': 'TOO_MANY_REQUESTS',
  'storage-full': 'SERVICE_UNAVAILABLE',
  'query-refused': 'BAD_REQUEST',
  'write-refused': 'FORBIDDEN',
  'validation-failed': 'BAD_REQUEST',
  'template-invalid': 'BAD_REQUEST',
  'lint-errors': 'PRECONDITION_FAILED',
  'confirmation-required': 'PRECONDITION_FAILED',
  internal: 'INTERNAL_SERVER_ERROR',
};

/** HTTP statuses for errors raised outside tRPC (body limit, CSRF). */
export const HTTP_STATUS_OF: Record<VeilErrorCode, number> = {
  'invalid-input': 400,
  'unsafe-key': 400,
  'payload-too-large': 413,
  unauthenticated: 401,
  csrf: 403,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  locked: 429,
  'too-many-requests': 429,
  'storage-full': 503,
  'query-refused': 400,
  'write-refused': 403,
  'validation-failed': 400,
  'template-invalid': 400,
  'lint-errors': 412,
  'confirmation-required': 412,
  internal: 500,
};

/** The store refused a write because its disk is full; nothing of it was stored. */
export const STORAGE_FULL_MESSAGE =
  "The server's disk is full (服务器磁盘已满): this change was not saved. Try again later (请稍后重试).";

export const GENERIC_INTERNAL_MESSAGE =
  'Something went wrong on the server. The error was logged; try again.';
