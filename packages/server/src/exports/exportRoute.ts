import type { IncomingMessage, ServerResponse } from 'node:http';
import { setSecurityHeaders } from '../http/securityHeaders.js';
import type { Services } from '../services/services.js';
import { downloadExport } from './downloadExport.js';

/** The path of an export's file download. */
const EXPORT_FILE_PATH = /^\/exports\/([A-Za-z0-9-]{1,100})\/file$/;

/** Serves `GET /exports/<id>/file`; returns whether the request was one. */
export async function handleExportRoute(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  tls: boolean,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://local');
  const match = EXPORT_FILE_PATH.exec(url.pathname);
  if (!match || req.method !== 'GET') return false;
  setSecurityHeaders(res, { tls, api: true });
  const locale = /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN';
  await downloadExport(services, req, res, match[1]!, locale);
  return true;
}
