import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Harness, startHarness } from '../api/apiHarness.js';
import { finishedJob, sheetBytes, uploadSheet } from './sheetUpload.js';

const T = 'b2b-follow-up';
let h: Harness;
let repC: ApiClient;
let uploadId: string;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 7 } });
  repC = await h.as('rep-c');
  const upload = await uploadSheet(h, repC, 'customers-10k.xlsx', sheetBytes('customers-10k.xlsx'));
  uploadId = upload.body.uploadId!;
});

afterAll(async () => {
  await h?.close();
});

describe('an XLSX of 10,000 customers with formulas, empty rows and an ID-number column', () => {
  let mapping: { column: string; field: string | null }[];

  it('suggests the mapping, flags the ID column as personal and unneeded, and counts formulas', async () => {
    const preview = await repC.imports.preview.query({ uploadId, templateId: T });
    expect(preview.format).toBe('xlsx');
    expect(preview.encoding).toBeNull();
    expect(preview.headerRow).toBe(1);
    expect(preview.columns.map((c) => [c.letter, c.title, c.field])).toEqual([
      ['A', '客户名称', '/company'],
      ['B', '联系人', '/contacts/*/name'],
      ['C', '手机号', '/contacts/*/mobile'],
      ['D', '邮箱', '/contacts/*/email'],
      ['E', '身份证号', null],
      ['F', '商机阶段', '/stage'],
      ['G', '金额（万）', null],
      ['H', '预计成交金额（元）', '/dealSize'],
      ['I', '下次联系日期', '/nextContactAt'],
    ]);
    const id = preview.columns.find((c) => c.letter === 'E')!;
    expect(id).toMatchObject({ personal: 'resident-id', unneeded: true });
    expect(preview.columns.find((c) => c.letter === 'H')!.formulas).toBeGreaterThan(100);
    // The formula is never shown or stored, only its computed value.
    expect(JSON.stringify(preview.rows)).not.toContain('*10000');
    expect(preview.rows[0]!.cells[7]).toBe(String(20_000));
    mapping = preview.columns.map((c) => ({ column: c.letter, field: c.field }));
  });

  it('the dry run reports the two bad rows by XLSX row number and field title', async () => {
    const run = await repC.imports.dryRun.mutate({
      uploadId,
      templateId: T,
      mapping,
      owner: { kind: 'importer' },
    });
    expect(run.rows).toBe(10_000);
    expect(run.emptyRows).toBe(10);
    expect(run.formulas.H).toBe(10_000);
    expect(run.issues.map((i) => [i.line, i.column, i.field, i.code])).toEqual([
      [5006, 'I', '下次联系日期', 'not-date'],
      [7785, 'H', '预计成交金额（元）', 'formula-no-value'],
    ]);
    expect(run.valid).toBe(9_998);
  });

  it('imports the valid rows as one job with progress; the ID numbers are left behind', async () => {
    const started = await repC.imports.start.mutate({
      uploadId,
      templateId: T,
      mapping,
      owner: { kind: 'importer' },
      mode: 'valid-rows',
    });
    expect(started.total).toBe(10_010);
    const job = await finishedJob(repC, started.id);
    expect(job).toMatchObject({ status: 'done', created: 9_998, processed: 10_010, issueCount: 2 });
    const page = await h.server.store.queryRecords(T, {
      scope: { kind: 'owners', ownerIds: ['user-rep-c'] },
      filters: [{ field: '/company', op: 'eq', value: '批量客户00001有限公司' }],
      limit: 5,
    });
    expect(page.records[0]?.data).toMatchObject({
      ownerId: 'user-rep-c',
      stage: 'qualified',
      dealSize: 20_000,
      nextContactAt: '2026-04-02',
      contacts: [
        expect.objectContaining({ name: '联系人1', mobile: '13700000001', email: 'bulk1@customers.example' }),
      ],
    });
    const total = await h.server.store.countRecords(T, {
      scope: { kind: 'owners', ownerIds: ['user-rep-c'] },
    });
    expect(total).toBeGreaterThanOrEqual(9_998);
    // Minimisation: the unmapped ID-number column reached no record and no audit entry.
    const [sample] = (
      await h.server.store.queryRecords(T, {
        scope: { kind: 'owners', ownerIds: ['user-rep-c'] },
        limit: 1000,
      })
    ).records;
    expect(JSON.stringify(sample)).not.toMatch(/\d{17}[\dX]/);
    const [entry] = (await h.server.store.listAudit({ action: 'import.run' })).entries;
    expect(entry?.details).toMatchObject({ rows: 10_000, emptyRows: 10, created: 9_998 });
    expect(entry!.details.fields).toEqual(mapping.flatMap((m) => (m.field ? [m.field] : [])));
    expect(JSON.stringify(entry)).not.toMatch(/110101\d{11}/);
    const creates = await h.server.store.listAudit({
      action: 'record.create',
      actor: 'user-rep-c',
      limit: 10,
    });
    expect(creates.entries[0]?.details).toMatchObject({ importJob: job.id });
  });
});
