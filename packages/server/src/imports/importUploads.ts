import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';

/** The largest sheet an upload may carry (the JSON API's own limit is 1 MB). */
const UPLOAD_LIMIT = 50 * 1024 * 1024;

/** What is kept beside an uploaded file. */
export interface UploadMeta {
  id: string;
  userId: string;
  /** As the browser named it (shown to the importer, recorded in the audit entry). */
  fileName: string;
  size: number;
  uploadedAt: string;
}

const ID = /^[0-9a-f-]{36}$/;

function pathsOf(services: Services, id: string) {
  return { file: join(services.importsDir, `${id}.upload`), meta: join(services.importsDir, `${id}.json`) };
}

/** A file name safe to show and record: no folders, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined): string {
  let name = 'upload';
  try {
    name = decodeURIComponent(raw ?? 'upload');
  } catch {}
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = (name.split(/[\\/]/).at(-1) ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  return cleaned.trim() === '' ? 'upload' : cleaned;
}

/** Streams a request body to the imports folder, refusing it past `UPLOAD_LIMIT`. */
export async function saveUpload(
  services: Services,
  req: IncomingMessage,
  userId: string,
  fileName: string,
): Promise<UploadMeta> {
  const declared = Number(req.headers['content-length'] ?? '0');
  const tooLarge = () =>
    new VeilError(
      'payload-too-large',
      `The file is larger than ${UPLOAD_LIMIT / 1024 / 1024} MB (文件超过 ${UPLOAD_LIMIT / 1024 / 1024} MB): split it into smaller files.`,
    );
  if (Number.isFinite(declared) && declared > UPLOAD_LIMIT) {
    req.resume();
    throw tooLarge();
  }
  await mkdir(services.importsDir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const paths = pathsOf(services, id);
  let size = 0;
  try {
    await pipeline(
      req,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > UPLOAD_LIMIT) throw tooLarge();
          yield chunk;
        }
      },
      createWriteStream(paths.file, { mode: 0o600 }),
    );
  } catch (error) {
    await rm(paths.file, { force: true });
    throw error instanceof VeilError
      ? error
      : new VeilError('invalid-input', 'The upload was interrupted; send the file again.');
  }
  if (size === 0) {
    await rm(paths.file, { force: true });
    throw new VeilError('invalid-input', 'The file is empty (文件是空的).');
  }
  const meta: UploadMeta = { id, userId, fileName, size, uploadedAt: services.now().toISOString() };
  await writeFile(paths.meta, JSON.stringify(meta), { mode: 0o600 });
  return meta;
}

/** The caller's own upload (anyone else's does not exist for them). */
export async function loadUpload(
  services: Services,
  userId: string,
  id: string,
): Promise<{ meta: UploadMeta; bytes: Uint8Array }> {
  const missing = new VeilError('not-found', 'No such upload: send the file again.');
  if (!ID.test(id)) throw missing;
  const paths = pathsOf(services, id);
  const meta = await readFile(paths.meta, 'utf8')
    .then((text) => JSON.parse(text) as UploadMeta)
    .catch(() => null);
  if (!meta || meta.userId !== userId) throw missing;
  if ((await stat(paths.file).catch(() => null)) === null) throw missing;
  return { meta, bytes: await readFile(paths.file) };
}

/** Deletes an upload and its metadata (after its import, or when it is abandoned). */
export async function deleteUpload(services: Services, id: string): Promise<void> {
  if (!ID.test(id)) return;
  const paths = pathsOf(services, id);
  await rm(paths.file, { force: true });
  await rm(paths.meta, { force: true });
}
