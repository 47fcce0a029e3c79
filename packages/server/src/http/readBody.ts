import type { IncomingMessage } from 'node:http';
import { VeilError } from '../errors/veilError.js';
import { decodeUtf8 } from './decodeUtf8.js';

export const BODY_LIMIT = 1024 * 1024;
export const TEMPLATE_BODY_LIMIT = 2 * 1024 * 1024;

/** Reads the raw body up to `limit` bytes; refuses (before any parsing) when it is larger. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(buffer);
  }
  return decodeUtf8(Buffer.concat(chunks));
}

function tooLarge(limit: number): VeilError {
  return new VeilError(
    'payload-too-large',
    `The request body is larger than ${Math.round(limit / 1024)} KB; send less data in one request.`,
  );
}
