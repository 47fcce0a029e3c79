import type { ServerResponse } from 'node:http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { GENERIC_INTERNAL_MESSAGE, HTTP_STATUS_OF, TRPC_CODE_OF, VeilError } from '../errors/veilError.js';

/**
 * Answers a request refused before it reaches tRPC (CSRF, body limit) in tRPC's error shape,
 * so the client reports it like any other error. A batch gets one error per call.
 */
export function sendHttpError(res: ServerResponse, error: unknown, batchSize: number | null): void {
  const veil =
    error instanceof VeilError
      ? error
      : new VeilError('internal', GENERIC_INTERNAL_MESSAGE, { cause: error });
  const code = TRPC_CODE_OF[veil.code];
  const status = HTTP_STATUS_OF[veil.code];
  const one = {
    error: {
      message: veil.isPublic ? veil.message : GENERIC_INTERNAL_MESSAGE,
      code: TRPC_ERROR_CODES_BY_KEY[code],
      data: { code, httpStatus: status, veilCode: veil.code, issues: veil.isPublic ? veil.issues : [] },
    },
  };
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(batchSize === null ? one : Array.from({ length: batchSize }, () => one)));
}
