import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Harness, startHarness } from '../api/apiHarness.js';
import { finishedJob, sheetBytes, uploadSheet } from './sheetUpload.js';

const T = 'b2b-follow-up';
let h: Harness;
let manager: ApiClient;
let uploadId: string;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 7 } });
  const admin = await h.as('admin');
  // Two users with one name: an owner column naming them is ambiguous, never guessed.
  for (const login of ['wang-fang-1', 'wang-fang-2'])
    await admin.users.create.mutate({
      login,
      name: '王芳',
      password: 'a-long-password-1',
      roles: ['rep'],
      departmentId: 'dept-east',
    });
  manager = await h.as('manager');
  const upload = await uploadSheet(h, manager, '华东客户跟进表.csv', sheetBytes('follow-up-gbk.csv'));
  expect(upload.status).toBe(200);
  uploadId = upload.body.uploadId!;
});

afterAll(async () => {
  await h?.close();
});

const MAPPING = [
  { column: 'A', field: '/company' },
  { column: 'B', field: '/uscc' },
  { column: 'C', field: '/stage' },
  { column: 'D', field: '/contacts/*/name' },
  { column: 'E', field: '/contacts/*/mobile' },
  { column: 'F', field: '/contacts/*/email' },
  { column: 'H', field: '/nextContactAt' },
  { column: 'I', field: '/dealSize' },
];

describe('a GBK CSV exported by Excel, with merged header rows and Chinese dates', () => {
  it('is read as GB18030, skips the merged title rows and suggests a field for every column', async () => {
    const preview = await manager.imports.preview.query({ uploadId, templateId: T });
    expect(preview.format).toBe('csv');
    expect(preview.encoding).toBe('gb18030');
    expect(preview.mojibake).toBe(false);
    expect(preview.headerRow).toBe(3);
    expect(preview.skippedRows).toBe(2);
    const byLetter = Object.fromEntries(preview.columns.map((c) => [c.letter, c]));
    expect(byLetter.A).toMatchObject({ title: '客户名称', field: '/company' });
    expect(byLetter.B).toMatchObject({ title: '统一社会信用代码', field: '/uscc', by: 'title' });
    expect(byLetter.C).toMatchObject({ title: '商机阶段', field: '/stage', by: 'title' });
    expect(byLetter.D).toMatchObject({ field: '/contacts/*/name' });
    expect(byLetter.E).toMatchObject({ title: '手机', field: '/contacts/*/mobile', personal: 'mobile' });
    expect(byLetter.F).toMatchObject({ title: '邮箱', field: '/contacts/*/email' });
    expect(byLetter.G).toMatchObject({ title: '负责人', field: null, owner: true });
    expect(byLetter.H).toMatchObject({ field: '/nextContactAt' });
    expect(byLetter.I).toMatchObject({ field: '/dealSize' });
    expect(preview.rows[0]).toEqual({
      line: 4,
      cells: expect.arrayContaining(['杭州青山机械有限公司', '2026年3月5日', '12万']),
    });
    // Every suggestion of the preview is what the test maps by hand.
    expect(preview.columns.filter((c) => c.field).map((c) => ({ column: c.letter, field: c.field }))).toEqual(
      MAPPING,
    );
  });

  it('read as UTF-8 instead, the preview says it is garbled and offers GB18030', async () => {
    const preview = await manager.imports.preview
      .query({ uploadId, templateId: T, encoding: 'utf-8' })
      .catch((error: Error) => error);
    // Garbled titles may even read as duplicates; either way the importer is told what to do.
    if (preview instanceof Error) throw preview;
    expect(preview.mojibake).toBe(true);
    expect(preview.otherEncodings).toEqual(['gb18030']);
  });

  it('the dry run names each bad row by line and field title, and the ambiguous owner', async () => {
    const run = await manager.imports.dryRun.mutate({
      uploadId,
      templateId: T,
      mapping: MAPPING,
      owner: { kind: 'column', column: 'G' },
    });
    expect(run.rows).toBe(8);
    expect(run.emptyRows).toBe(1);
    expect(run.valid).toBe(5);
    expect(run.issues.map((i) => [i.line, i.code, i.field ?? i.column])).toEqual([
      [7, 'owner-ambiguous', 'G'],
      [8, 'not-date', '下次联系日期'],
      [11, 'not-option', '商机阶段'],
    ]);
    expect(run.issues[0]!.message).toContain('2');
    expect(run.issues[1]!.message).not.toContain('下周三');
  });

  it('all or none: the job fails on the bad rows and creates nothing; then the valid rows, chosen explicitly', async () => {
    const before = (await h.server.store.queryRecords(T, { limit: 1 })).total;
    const failed = await finishedJob(
      manager,
      (
        await manager.imports.start.mutate({
          uploadId,
          templateId: T,
          mapping: MAPPING,
          owner: { kind: 'column', column: 'G' },
        })
      ).id,
    );
    expect(failed.status).toBe('failed');
    expect(failed.issueCount).toBe(3);
    expect((await h.server.store.queryRecords(T, { limit: 1 })).total).toBe(before);

    const job = await finishedJob(
      manager,
      (
        await manager.imports.start.mutate({
          uploadId,
          templateId: T,
          mapping: MAPPING,
          owner: { kind: 'column', column: 'G' },
          mode: 'valid-rows',
        })
      ).id,
    );
    expect(job.status).toBe('done');
    expect(job.created).toBe(5);
    const page = await h.server.store.queryRecords(T, { limit: 1000 });
    const imported = page.records.filter(
      (r) => String(r.data.company).endsWith('有限公司') && !String(r.data.company).startsWith('演示'),
    );
    const byCompany = new Map(page.records.map((r) => [r.data.company, r.data]));
    expect(byCompany.get('杭州青山机械有限公司')).toMatchObject({
      ownerId: 'user-rep-a',
      uscc: '91330100MA2B3C4D5N',
      stage: 'lead',
      nextContactAt: '2026-03-05',
      dealSize: 120_000,
      contacts: [expect.objectContaining({ name: '王伟', mobile: '13812340001' })],
    });
    expect(byCompany.get('宁波海川贸易有限公司')).toMatchObject({
      ownerId: 'user-rep-b',
      dealSize: 1_200_000,
      nextContactAt: '2026-03-06',
      contacts: [expect.objectContaining({ mobile: '13812340002' })],
    });
    expect(byCompany.get('苏州云帆科技有限公司')).toMatchObject({
      contacts: [expect.objectContaining({ mobile: '13812340003' })],
    });
    expect(byCompany.get('合肥长风电子有限公司')).toMatchObject({
      ownerId: 'user-rep-b',
      stage: 'won',
      dealSize: 88_000,
      nextContactAt: '2026-03-10',
    });
    expect(byCompany.get('常州新桥纺织有限公司')).toMatchObject({ stage: 'lost' });
    expect(byCompany.get('上海东岳物流有限公司')).toBeUndefined();
    expect(imported.length).toBeGreaterThanOrEqual(5);

    const entries = (await h.server.store.listAudit({ action: 'import.run', limit: 10 })).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'user-manager',
      target: job.id,
      details: { fileName: '华东客户跟进表.csv', rows: 8, created: 5, fields: MAPPING.map((m) => m.field) },
    });
    // The audit entry holds no value of the sheet.
    const text = JSON.stringify(entries);
    for (const value of ['杭州青山机械有限公司', '13812340001', '王伟', 'wangwei@qingshan.example'])
      expect(text).not.toContain(value);
  });
});
