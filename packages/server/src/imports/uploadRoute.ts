import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveSession } from '../auth/resolveSession.js';
import { VeilError } from '../errors/veilError.js';
import { CSRF_HEADER } from '../http/createRequestHandler.js';
import { setSecurityHeaders } from '../http/securityHeaders.js';
import { sendHttpError } from '../http/sendHttpError.js';
import type { Services } from '../services/services.js';
import { cleanFileName, saveUpload } from './importUploads.js';

/** The path of the sheet upload (a raw body, streamed to disk; the file name in `x-veil-filename`). */
const IMPORT_UPLOAD_PATH = '/imports/upload';

/** Serves `POST /imports/upload`; returns whether the request was one. */
export async function handleImportUploadRoute(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  tls: boolean,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://local');
  if (url.pathname !== IMPORT_UPLOAD_PATH) return false;
  setSecurityHeaders(res, { tls, api: true });
  try {
    if (req.method !== 'POST') throw new VeilError('invalid-input', 'Upload the file with POST.');
    if (req.headers[CSRF_HEADER] !== '1')
      throw new VeilError('csrf', `Every API request must carry the header "${CSRF_HEADER}: 1".`);
    const session = await resolveSession(services, req);
    if (!session) throw new VeilError('unauthenticated', 'Sign in first.');
    const header = req.headers['x-veil-filename'];
    const meta = await saveUpload(
      services,
      req,
      session.userId,
      cleanFileName(Array.isArray(header) ? header[0] : header),
    );
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ uploadId: meta.id, fileName: meta.fileName, size: meta.size }));
  } catch (error) {
    if (!req.readableEnded) req.resume();
    sendHttpError(res, error, null);
  }
  return true;
}
