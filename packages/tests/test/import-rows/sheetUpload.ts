import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ApiClient, cookieOf, type Harness, seenBy } from '../api/apiHarness.js';

const SHEETS = fileURLToPath(new URL('../fixtures/import/sheets/', import.meta.url));

/** A committed sheet fixture's bytes. */
export function sheetBytes(name: string): Buffer {
  return readFileSync(`${SHEETS}${name}`);
}

/** Uploads bytes as the client's user through `POST /imports/upload`; the answer joins what the client saw. */
export async function uploadSheet(
  h: Harness,
  client: ApiClient,
  fileName: string,
  bytes: Uint8Array,
): Promise<{
  status: number;
  body: { uploadId?: string; error?: { message: string; data: { veilCode: string } } };
}> {
  const response = await fetch(`${h.server.url}/imports/upload`, {
    method: 'POST',
    headers: {
      cookie: cookieOf(client),
      'x-veil-csrf': '1',
      'x-veil-filename': encodeURIComponent(fileName),
      'content-type': 'application/octet-stream',
    },
    body: bytes,
  });
  const text = await response.text();
  seenBy(client).push(text);
  return { status: response.status, body: JSON.parse(text) };
}

/** Polls a job until it has finished (done, failed or cancelled). */
export async function finishedJob(
  client: ApiClient,
  jobId: string,
): Promise<Awaited<ReturnType<ApiClient['imports']['status']['query']>>> {
  for (;;) {
    const job = await client.imports.status.query({ jobId });
    if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
