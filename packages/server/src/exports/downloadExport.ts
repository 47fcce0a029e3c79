import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { resolveSession } from '../auth/resolveSession.js';
import { VeilError } from '../errors/veilError.js';
import { sendHttpError } from '../http/sendHttpError.js';
import type { Services } from '../services/services.js';
import { buildExportFile } from './buildExportFile.js';
import { deleteExportFile, expireIfDue } from './expireExports.js';
import { exportAuditDetails, getExport, type StoredExport, saveExport } from './exportDocs.js';

/** Requests (a first try and resumptions) one export may take before it is used up. */
const MAX_DOWNLOAD_ATTEMPTS = 5;

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;

const REFUSALS: Partial<Record<StoredExport['status'], string>> = {
  'pending-approval': 'This export is waiting for approval; download it once it is approved.',
  rejected: 'This export was denied.',
  expired: 'This export has expired; request it again.',
  downloaded: 'This export was already downloaded; each export is downloaded once.',
  void: 'This export is void: you no longer have access to its rows.',
};

// One transfer at a time per export, so two parallel downloads cannot both complete.
const inFlight = new Set<string>();

/** `bytes=a-b` / `bytes=a-` within the file; `null` for a whole-file request; `'bad'` otherwise. */
function rangeOf(header: string | undefined, size: number): { start: number; end: number } | null | 'bad' {
  if (header === undefined) return null;
  const match = /^bytes=(\d+)-(\d*)$/.exec(header.trim());
  if (!match) return 'bad';
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start <= end ? { start, end } : 'bad';
}

async function readByte(path: string, at: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, at);
    return byte;
  } finally {
    await handle.close();
  }
}

/** Streams bytes `start..end` (inclusive; none when `end < start`) without ending the response. */
function pipeRange(path: string, start: number, end: number, res: ServerResponse): Promise<boolean> {
  if (end < start) return Promise.resolve(true);
  return new Promise((resolve) => {
    const file = createReadStream(path, { start, end });
    const aborted = () => {
      file.destroy();
      resolve(false);
    };
    res.once('close', aborted);
    file.on('error', () => {
      res.destroy();
      resolve(false);
    });
    file.on('end', () => {
      res.off('close', aborted);
      resolve(!res.destroyed);
    });
    file.pipe(res, { end: false });
  });
}

async function refuse(services: Services, doc: StoredExport | null, actor: string, reason: string) {
  await services.store.appendAudit({
    actor,
    action: 'export.download-refused',
    target: doc?.id ?? 'unknown',
    details: doc ? exportAuditDetails(doc, { reason }) : { reason },
  });
}

/**
 * `GET /exports/<id>/file`: the requester's one download, within the window. An approved
 * export is built first. A `Range` request resumes an interrupted transfer without using up
 * the download; the export counts as downloaded once its last byte is sent, and its file goes.
 */
export async function downloadExport(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  exportId: string,
  locale: 'zh-CN' | 'en',
): Promise<void> {
  try {
    const session = await resolveSession(services, req);
    if (!session) throw new VeilError('unauthenticated', 'Sign in first: there is no valid session.');
    let doc: StoredExport | null = null;
    try {
      doc = await getExport(services.store, exportId);
    } catch {
      doc = null;
    }
    if (doc === null || doc.requestedBy !== session.userId) {
      await refuse(services, doc, session.userId, doc === null ? 'unknown' : 'not-the-requester');
      throw new VeilError('not-found', 'No such export.');
    }
    doc = await expireIfDue(services, doc);
    if (inFlight.has(doc.id)) throw new VeilError('conflict', 'This export is being downloaded already.');
    inFlight.add(doc.id);
    try {
      if (doc.status === 'approved') doc = await buildExportFile(services, doc, locale);
      const refusal = REFUSALS[doc.status];
      if (refusal !== undefined) {
        await refuse(services, doc, session.userId, doc.status);
        throw new VeilError('conflict', refusal);
      }
      const attempts = (doc.meta.downloadAttempts ?? 0) + 1;
      if (attempts > MAX_DOWNLOAD_ATTEMPTS || !doc.meta.fileName || doc.meta.fileSize === undefined) {
        await refuse(services, doc, session.userId, 'attempts');
        throw new VeilError('conflict', 'This export was tried too often; request it again.');
      }
      const size = doc.meta.fileSize;
      const path = join(services.exportsDir, doc.meta.fileName);
      const range = rangeOf(req.headers.range, size);
      if (range === 'bad') {
        res.statusCode = 416;
        res.setHeader('Content-Range', `bytes */${size}`);
        res.end();
        return;
      }
      doc = { ...doc, meta: { ...doc.meta, downloadAttempts: attempts } };
      await services.store.putDoc('exports', doc);
      const { start, end } = range ?? { start: 0, end: size - 1 };
      res.statusCode = range ? 206 : 200;
      res.setHeader('Content-Type', CONTENT_TYPES[doc.format]);
      res.setHeader('Content-Disposition', `attachment; filename="veil-export-${doc.id}.${doc.format}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Accept-Ranges', 'bytes');
      res.setHeader('Content-Length', String(end - start + 1));
      if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
      const completes = end === size - 1;
      // The last byte is held back until the download is recorded, so a client that has the
      // whole file has always used up its one download.
      const lastByte = completes ? await readByte(path, end) : null;
      const streamed = await pipeRange(path, start, completes ? end - 1 : end, res);
      if (!streamed) return;
      if (lastByte !== null) {
        const done: StoredExport = {
          ...doc,
          status: 'downloaded',
          meta: { ...doc.meta, downloadedAt: services.now().toISOString() },
        };
        await deleteExportFile(services, done);
        const { fileName: _f, ...meta } = done.meta;
        await saveExport(
          services.store,
          { ...done, meta: { ...meta, rowIds: [] } },
          {
            actor: session.userId,
            action: 'export.download',
            target: doc.id,
            details: exportAuditDetails(done, { attempts, resumed: range !== null }),
          },
        );
        res.end(lastByte);
      } else res.end();
    } finally {
      inFlight.delete(doc.id);
    }
  } catch (error) {
    if (!res.headersSent) sendHttpError(res, error, null);
    else res.destroy();
  }
}
