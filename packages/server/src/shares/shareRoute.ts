import type { IncomingMessage, ServerResponse } from 'node:http';
import { setSecurityHeaders } from '../http/securityHeaders.js';
import type { Services } from '../services/services.js';
import { openShare } from './openShare.js';

/** A share page's path: `/s/<token>`. */
const SHARE_PATH = /^\/s\/([A-Za-z0-9_-]{43})$/;

/** Serves `GET /s/<token>`; returns whether the request was one. */
export async function handleShareRoute(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  tls: boolean,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://local');
  const match = SHARE_PATH.exec(url.pathname);
  if (!match || req.method !== 'GET') return false;
  setSecurityHeaders(res, { tls, api: true });
  const locale = /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN';
  await openShare(services, req, res, match[1]!, locale);
  return true;
}
