import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { VeilRecord } from '@veil/policy';
import { type RunningServer, startServer } from '@veil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedJob, uploadSheet } from '../import-rows/sheetUpload.js';
import { type ApiClient, failure, type Harness, makeClient, seenBy, startHarness } from './apiHarness.js';

const T = 'b2b-follow-up';
const template = JSON.parse(
  readFileSync(new URL('../../../../templates/b2b-follow-up/template.json', import.meta.url), 'utf8'),
);
let h: Harness;
let admin: ApiClient;

const today = () => new Date().toISOString().slice(0, 10);

async function put(id: string, owner: string, lastContactAt: string): Promise<VeilRecord> {
  const now = new Date().toISOString();
  return h.server.store.createRecord({
    record: {
      id,
      templateId: T,
      templateVersion: 2,
      version: 1,
      createdAt: now,
      updatedAt: now,
      data: {
        ownerId: owner,
        company: `Pool company ${id}`,
        stage: 'lead',
        lastContactAt,
        dealSize: 777_001,
        contacts: [
          { _id: `c-${id}`, name: `POOL-NAME-${id}`, mobile: '13900099777', email: `pool-${id}@example.com` },
        ],
      },
    },
    audit: { actor: 'system', action: 'record.create', target: id, details: {} },
  });
}

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 7 } });
  admin = await h.as('admin');
  await admin.templates.saveDraft.mutate({
    template: { ...template, pool: { afterDays: 30, after: '/lastContactAt' } },
  });
  await admin.templates.publish.mutate({ templateId: T });
});

afterAll(async () => {
  await h?.close();
});

describe('the shared pool (公海)', () => {
  it('a rep returns a customer to the pool; another rep sees it as policy allows and claims it', async () => {
    await put('released', 'user-rep-a', today());
    const repA = await h.as('rep-a');
    await repA.pool.release.mutate({ templateId: T, id: 'released', version: 1 });
    // Out of rep A's hands: the record is nobody's now.
    expect((await failure(repA.records.get.query({ templateId: T, id: 'released' }))).code).toBe('NOT_FOUND');
    const [release] = (await h.server.store.listAudit({ action: 'pool.release' })).entries;
    expect(release).toMatchObject({
      actor: 'user-rep-a',
      target: 'released',
      details: { from: 'user-rep-a' },
    });

    const repC = await h.as('rep-c');
    const pool = await repC.pool.list.query({ templateId: T });
    const row = pool.rows.find((r) => r.id === 'released')!;
    expect(row.relation).toBe('any');
    expect(row.data.company).toBe('Pool company released');
    expect(row.data.stage).toBe('lead');
    // Contacts and the deal size are a colleague's confidential values: masked before the claim.
    expect(row.masked).toEqual(expect.arrayContaining(['/dealSize']));
    const before = seenBy(repC).join('\n');
    for (const value of ['POOL-NAME-released', '13900099777', 'pool-released@example.com', '777001'])
      expect(before).not.toContain(value);
    const [read] = (await h.server.store.listAudit({ action: 'pool.list', actor: 'user-rep-c' })).entries;
    expect(read?.details).toMatchObject({ recordIds: expect.arrayContaining(['released']) });

    const claimed = await repC.pool.claim.mutate({ templateId: T, id: 'released', version: row.version });
    expect(claimed.record?.relation).toBe('owner');
    expect(claimed.record?.data.contacts).toEqual([expect.objectContaining({ mobile: '13900099777' })]);
    expect((await h.server.store.getRecord(T, 'released'))?.data.ownerId).toBe('user-rep-c');
    const [claim] = (await h.server.store.listAudit({ action: 'pool.claim' })).entries;
    expect(claim).toMatchObject({ actor: 'user-rep-c', target: 'released' });
    // It left the pool: a second claim finds nothing.
    const repB = await h.as('rep-b');
    const again = await failure(repB.pool.claim.mutate({ templateId: T, id: 'released', version: 3 }));
    expect(again.code).toBe('NOT_FOUND');
  });

  it('claiming is a capability: a partner neither sees the pool nor claims; a rep cannot release a colleague’s customer', async () => {
    await put('kept', 'user-rep-b', today());
    const partner = await h.as('partner');
    expect((await failure(partner.pool.list.query({ templateId: T }))).code).toBe('FORBIDDEN');
    const repA = await h.as('rep-a');
    const refused = await failure(repA.pool.release.mutate({ templateId: T, id: 'kept', version: 1 }));
    expect(refused.code).toBe('FORBIDDEN');
    expect((await h.server.store.getRecord(T, 'kept'))?.data.ownerId).toBe('user-rep-b');
  });

  it('an import can put its rows into the pool', async () => {
    const repA = await h.as('rep-a');
    const upload = await uploadSheet(
      h,
      repA,
      'pool.csv',
      Buffer.from('公司,联系人,阶段\n入池公司,张三,lead\n'),
    );
    const job = await finishedJob(
      repA,
      (
        await repA.imports.start.mutate({
          uploadId: upload.body.uploadId!,
          templateId: T,
          mapping: [
            { column: 'A', field: '/company' },
            { column: 'B', field: '/contacts/*/name' },
            { column: 'C', field: '/stage' },
          ],
          owner: { kind: 'pool' },
        })
      ).id,
    );
    expect(job.status).toBe('done');
    const repB = await h.as('rep-b');
    const pool = await repB.pool.list.query({ templateId: T });
    expect(pool.rows.map((r) => r.data.company)).toContain('入池公司');
  });

  it('a customer not followed up for the template’s 30 days falls into the pool', async () => {
    await put('stale', 'user-rep-b', '2020-01-01');
    await put('fresh', 'user-rep-b', today());
    await h.server.close();
    let restarted: RunningServer | undefined;
    try {
      restarted = await startServer({
        port: 0,
        dataDir: h.dataDir,
        keysDir: join(dirname(h.dataDir), 'keys'),
        seed: false,
        logSink: () => {},
      });
      expect((await restarted.store.getRecord(T, 'stale'))?.data.ownerId).toBe('@pool');
      expect((await restarted.store.getRecord(T, 'fresh'))?.data.ownerId).toBe('user-rep-b');
      const fall = (await restarted.store.listAudit({ action: 'pool.fall', target: 'stale' })).entries;
      expect(fall[0]).toMatchObject({ actor: 'system', details: { from: 'user-rep-b', afterDays: 30 } });
      const client = makeClient(restarted.url);
      await client.auth.login.mutate({ username: 'rep-c', password: 'veil-demo-2026' });
      const pool = await client.pool.list.query({ templateId: T });
      expect(pool.rows.map((r) => r.id)).toContain('stale');
    } finally {
      await restarted?.close();
      await rm(dirname(h.dataDir), { recursive: true, force: true });
      h = { ...h, close: async () => {} } as Harness;
    }
  });
});
