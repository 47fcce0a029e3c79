import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startServer } from '@veil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, cookieOf, failure, type Harness, startHarness } from '../api/apiHarness.js';
import { finishedJob, sheetBytes, uploadSheet } from './sheetUpload.js';

const T = 'b2b-follow-up';
let h: Harness;
let repA: ApiClient;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 7 } });
  repA = await h.as('rep-a');
});

afterAll(async () => {
  await h?.close();
});

async function uploaded(text: string | Buffer, client = repA): Promise<string> {
  const upload = await uploadSheet(
    h,
    client,
    'sheet.csv',
    typeof text === 'string' ? Buffer.from(text) : text,
  );
  expect(upload.status).toBe(200);
  return upload.body.uploadId!;
}

const records = async () => (await h.server.store.queryRecords(T, { limit: 1 })).total;

describe('bad input is refused clearly and changes nothing', () => {
  it('duplicate headers are refused by column letter', async () => {
    const uploadId = await uploaded('公司,手机,公司\nA,13600000001,B\n');
    const error = await failure(repA.imports.preview.query({ uploadId, templateId: T }));
    expect(error.veilCode).toBe('invalid-input');
    expect(error.message).toContain('第 A 列和第 C 列的标题都是"公司"');
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([['/columns/C', 'header-duplicate']]);
  });

  it('a column with data but no title is refused; an empty one without a title is ignored', async () => {
    const refused = await failure(
      repA.imports.preview.query({ uploadId: await uploaded('公司,,阶段\nA,x,lead\n'), templateId: T }),
    );
    expect(refused.issues.map((i) => [i.path, i.code])).toEqual([['/columns/B', 'header-empty']]);
    const ok = await repA.imports.preview.query({
      uploadId: await uploaded('公司,,阶段\nA,,lead\n'),
      templateId: T,
    });
    expect(ok.columns.map((c) => c.letter)).toEqual(['A', 'C']);
  });

  it('the messages follow the language of the request', async () => {
    const uploadId = await uploaded('Company,Company\nA,B\n');
    const en = await fetch(`${h.server.url}/trpc/imports.preview`, {
      method: 'POST',
      headers: {
        'x-veil-csrf': '1',
        'accept-language': 'en',
        'content-type': 'application/json',
        'x-http-method-override': 'GET',
        cookie: cookieOf(repA),
      },
      body: JSON.stringify({ uploadId, templateId: T }),
    });
    expect(await en.text()).toContain('Columns A and B are both titled');
  });

  it('CSV text a spreadsheet would run as a formula is stored quoted, never as a formula', async () => {
    const uploadId = await uploaded(
      '公司,联系人,阶段\n"=HYPERLINK(""http://evil.example"",""x"")",张三,lead\n',
    );
    const preview = await repA.imports.preview.query({ uploadId, templateId: T });
    expect(preview.columns[0]!.formulas).toBe(1);
    const settings = {
      uploadId,
      templateId: T,
      mapping: [
        { column: 'A', field: '/company' },
        { column: 'B', field: '/contacts/*/name' },
        { column: 'C', field: '/stage' },
      ],
      owner: { kind: 'importer' as const },
    };
    const job = await finishedJob(repA, (await repA.imports.start.mutate(settings)).id);
    expect(job.status).toBe('done');
    const page = await h.server.store.queryRecords(T, {
      filters: [{ field: '/company', op: 'eq', value: '\'=HYPERLINK("http://evil.example","x")' }],
      limit: 2,
    });
    expect(page.total).toBe(1);
  });

  it('another user’s upload does not exist for you; an oversized upload is refused', async () => {
    const uploadId = await uploaded('公司\nA\n');
    const repB = await h.as('rep-b');
    expect((await failure(repB.imports.preview.query({ uploadId, templateId: T }))).code).toBe('NOT_FOUND');
    const big = await uploadSheet(h, repA, 'big.csv', Buffer.alloc(50 * 1024 * 1024 + 1, 0x41));
    expect(big.status).toBe(413);
    expect(big.body.error?.data.veilCode).toBe('payload-too-large');
  });

  it('a cancelled job leaves nothing behind', async () => {
    const before = await records();
    const upload = await uploadSheet(h, repA, 'customers-10k.xlsx', sheetBytes('customers-10k.xlsx'));
    const preview = await repA.imports.preview.query({ uploadId: upload.body.uploadId!, templateId: T });
    const started = await repA.imports.start.mutate({
      uploadId: upload.body.uploadId!,
      templateId: T,
      mapping: preview.columns.map((c) => ({ column: c.letter, field: c.field })),
      owner: { kind: 'importer' },
      mode: 'valid-rows',
    });
    const cancelling = await repA.imports.cancel.mutate({ jobId: started.id });
    expect(cancelling.status).toBe('running');
    const job = await finishedJob(repA, started.id);
    expect(job.status).toBe('cancelled');
    expect(job.created).toBe(0);
    expect(await records()).toBe(before);
    const [entry] = (await h.server.store.listAudit({ action: 'import.cancel' })).entries;
    expect(entry?.target).toBe(started.id);
    // Someone else cannot see or cancel it.
    const repB = await h.as('rep-b');
    expect((await failure(repB.imports.status.query({ jobId: started.id }))).code).toBe('NOT_FOUND');
  });

  it('a job lost to a crash (the server stops mid-import) leaves nothing behind', async () => {
    const before = await records();
    const upload = await uploadSheet(h, repA, 'customers-10k.xlsx', sheetBytes('customers-10k.xlsx'));
    const preview = await repA.imports.preview.query({ uploadId: upload.body.uploadId!, templateId: T });
    const started = await repA.imports.start.mutate({
      uploadId: upload.body.uploadId!,
      templateId: T,
      mapping: preview.columns.map((c) => ({ column: c.letter, field: c.field })),
      owner: { kind: 'importer' },
      mode: 'valid-rows',
    });
    expect(started.status).toBe('running');
    await h.server.close();
    const restarted = await startServer({
      port: 0,
      dataDir: h.dataDir,
      keysDir: join(dirname(h.dataDir), 'keys'),
      seed: false,
      logSink: () => {},
    });
    try {
      expect((await restarted.store.queryRecords(T, { limit: 1 })).total).toBe(before);
      expect((await restarted.store.listAudit({ action: 'import.run' })).entries).toHaveLength(1);
      expect((await restarted.store.verifyAudit()).ok).toBe(true);
    } finally {
      await restarted.close();
      await rm(dirname(h.dataDir), { recursive: true, force: true });
      h = { ...h, close: async () => {} } as Harness;
    }
  });
});
