import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyTRPCRouter } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { VeilError } from '../errors/veilError.js';
import type { Logger } from '../log/logger.js';
import type { RequestContext } from '../trpc.js';
import { clientAddressOf } from './clientAddress.js';
import { assertUtf8Query } from './decodeUtf8.js';
import { BODY_LIMIT, readBody, TEMPLATE_BODY_LIMIT } from './readBody.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { sendHttpError } from './sendHttpError.js';
import { serveStatic } from './serveStatic.js';

const API_PREFIX = '/trpc';
export const CSRF_HEADER = 'x-veil-csrf';

export interface RequestHandlerOptions {
  router: AnyTRPCRouter;
  createContext: (req: IncomingMessage, res: ServerResponse) => Promise<RequestContext>;
  logger: Logger;
  tls: boolean;
  /** The built web app; `null` serves no static files. */
  webRoot: string | null;
}

/** One listener: security headers always; `/trpc` guarded by CSRF header and body limit; the rest static. */
export function createRequestHandler(options: RequestHandlerOptions) {
  const trpc = createHTTPHandler({
    router: options.router,
    basePath: `${API_PREFIX}/`,
    // The web client sends one request per call; a batch would run logins concurrently and
    // multiply one request's work.
    allowBatching: false,
    // Queries may come as POST so that search text, blind-index values and cursors stay out of
    // URLs (and so out of proxy access logs); the web client always sends them that way.
    allowMethodOverride: true,
    createContext: ({ req, res }) => options.createContext(req, res),
  });
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const api = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
    setSecurityHeaders(res, { tls: options.tls, api });
    if (!api) {
      await serveStatic(req, res, options.webRoot).catch(() => {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
      return;
    }
    const procedures = procedureNames(url.pathname.slice(API_PREFIX.length + 1));
    const batchSize = url.searchParams.get('batch') === '1' ? procedures.length : null;
    const started = performance.now();
    try {
      // A cross-site form or image cannot set a custom header; SameSite=Strict is the second wall.
      if (req.headers[CSRF_HEADER] !== '1') {
        throw new VeilError('csrf', `Every API request must carry the header "${CSRF_HEADER}: 1".`);
      }
      assertUtf8Query(url.search);
      if (req.method === 'POST') {
        const limit = procedures.some((p) => p.startsWith('templates.')) ? TEMPLATE_BODY_LIMIT : BODY_LIMIT;
        const body = await readBody(req, limit);
        Object.assign(req, { body });
      }
    } catch (error) {
      options.logger.log({
        level: 'warn',
        event: 'http',
        procedure: procedures.join(','),
        client: clientAddressOf(req),
        status: error instanceof VeilError ? error.code : 'error',
        durationMs: Math.round(performance.now() - started),
        errorCode: error instanceof VeilError ? error.code : 'internal',
      });
      sendHttpError(res, error, batchSize);
      return;
    }
    trpc(req, res);
  };
}

const PROCEDURE_NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

/** Procedure names from the path; anything else (a value typed into the URL) becomes `?`, so it never reaches a log line. */
function procedureNames(path: string): string[] {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return ['?'];
  }
  return decoded.split(',').map((name) => (name.length <= 100 && PROCEDURE_NAME.test(name) ? name : '?'));
}
