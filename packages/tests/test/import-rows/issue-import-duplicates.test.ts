import type { VeilRecord } from '@veil/policy';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Harness, seenBy, startHarness } from '../api/apiHarness.js';
import { finishedJob, sheetBytes, uploadSheet } from './sheetUpload.js';

const T = 'b2b-follow-up';
let h: Harness;
let repA: ApiClient;
let others: VeilRecord[];

/** Every value of a record, as text (what the importer must never see of another rep's customer). */
function valuesOf(record: VeilRecord): string[] {
  const out: string[] = [record.id];
  const walk = (value: unknown) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object') Object.values(value).forEach(walk);
    else out.push(String(value));
  };
  walk(record.data);
  // Short or shared values (a stage, a channel, a date) say nothing about the record.
  return out.filter((v) => v.length >= 6 && !/^\d{4}-\d{2}-\d{2}$/.test(v));
}

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 24 } });
  repA = await h.as('rep-a');
  const page = await h.server.store.queryRecords(T, { limit: 1000 });
  others = page.records.filter((r) => r.data.ownerId !== 'user-rep-a');
});

afterAll(async () => {
  await h?.close();
});

const MAPPING = [
  { column: 'A', field: '/company' },
  { column: 'B', field: '/contacts/*/name' },
  { column: 'C', field: '/contacts/*/mobile' },
  { column: 'D', field: '/contacts/*/email' },
  { column: 'E', field: '/stage' },
];

describe('a sheet with customers another rep already follows (撞单)', () => {
  it('suggests the mapping, reports each duplicate by line and field only, and imports the rest', async () => {
    const upload = await uploadSheet(h, repA, 'my-leads.csv', sheetBytes('duplicates-of-rep-b.csv'));
    const uploadId = upload.body.uploadId!;
    const preview = await repA.imports.preview.query({ uploadId, templateId: T });
    expect(preview.encoding).toBe('utf-8');
    expect(preview.columns.map((c) => [c.title, c.field, c.by])).toEqual([
      ['公司', '/company', 'synonym'],
      ['联系人', '/contacts/*/name', 'synonym'],
      ['联系电话', '/contacts/*/mobile', 'synonym'],
      ['E-mail', '/contacts/*/email', 'title'],
      ['阶段', '/stage', 'synonym'],
    ]);
    const settings = { uploadId, templateId: T, mapping: MAPPING, owner: { kind: 'importer' as const } };
    const run = await repA.imports.dryRun.mutate(settings);
    expect(run.issues).toEqual([]);
    expect(run.duplicates.map((d) => [d.line, d.field, d.heldBy])).toEqual([
      [3, '手机号', 'another-rep'],
      [4, '手机号', 'another-rep'],
      [5, '邮箱', 'another-rep'],
      [6, '手机号', 'you'],
      [8, '手机号', 'this-file'],
    ]);
    expect(run.duplicates[0]!.message).toBe('手机号：该客户已由其他业务员跟进（撞单），此行不导入。');
    expect(run.valid).toBe(2);
    expect(run.duplicateChecks).toBe(7);

    const job = await finishedJob(repA, (await repA.imports.start.mutate(settings)).id);
    expect(job).toMatchObject({ status: 'done', created: 2, duplicateCount: 5 });
    const mine = await h.server.store.queryRecords(T, {
      scope: { kind: 'owners', ownerIds: ['user-rep-a'] },
      limit: 1000,
    });
    const companies = mine.records.map((r) => r.data.company);
    expect(companies).toEqual(expect.arrayContaining(['新客户甲有限公司', '新客户乙有限公司']));
    for (const skipped of [
      '撞单一号公司',
      '撞单二号公司',
      '撞单三号公司',
      '自己的客户公司',
      '新客户乙（重复行）',
    ])
      expect(companies).not.toContain(skipped);

    const [check] = (await h.server.store.listAudit({ action: 'import.check', actor: 'user-rep-a' })).entries;
    expect(check?.details).toMatchObject({
      rows: 7,
      duplicates: 5,
      duplicateChecks: 7,
      fileName: 'my-leads.csv',
    });
    const [entry] = (await h.server.store.listAudit({ action: 'import.run', actor: 'user-rep-a' })).entries;
    expect(entry?.details).toMatchObject({ created: 2, duplicates: 5 });

    // Rep A learnt nothing of the other reps' records: no value, id or owner of theirs reached it.
    // (The values rep A typed into its own sheet it knew already.)
    const typed = new Set(
      sheetBytes('duplicates-of-rep-b.csv')
        .toString('utf8')
        .split(/[,\r\n]+/),
    );
    const seen = seenBy(repA).join('\n');
    let checked = 0;
    for (const record of others)
      for (const value of valuesOf(record))
        if (!typed.has(value)) {
          checked += 1;
          expect(seen).not.toContain(value);
        }
    expect(checked).toBeGreaterThan(50);
    expect(seen).not.toContain('user-rep-b');
    expect(seen).not.toContain('rep-b');
  });

  it('property: whatever values of other reps a sheet holds, the importer learns only "duplicate, held by another rep"', async () => {
    const phones = others.flatMap((r) =>
      ((r.data.contacts as { mobile?: string }[] | undefined) ?? []).map((c) => c.mobile!),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...phones), fc.integer({ min: 0, max: 9999 })), {
          minLength: 1,
          maxLength: 6,
        }),
        async (cells) => {
          const client = await h.as('rep-a');
          const lines = cells.map((cell, i) => {
            const phone = typeof cell === 'number' ? `1350000${String(cell).padStart(4, '0')}` : cell;
            return `Probe ${++n}-${i},探针,${phone},lead`;
          });
          const upload = await uploadSheet(
            h,
            client,
            'probe.csv',
            Buffer.from(`公司,联系人,手机,阶段\n${lines.join('\n')}\n`),
          );
          const run = await client.imports.dryRun.mutate({
            uploadId: upload.body.uploadId!,
            templateId: T,
            mapping: [
              { column: 'A', field: '/company' },
              { column: 'B', field: '/contacts/*/name' },
              { column: 'C', field: '/contacts/*/mobile' },
              { column: 'D', field: '/stage' },
            ],
            owner: { kind: 'importer' },
          });
          const held = new Set(phones);
          // Exactly the first row of each held phone is "held by another rep"; a repeat is "this file".
          const expected: number[] = [];
          const firstSeen = new Set<string>();
          cells.forEach((cell, i) => {
            const key = String(cell);
            if (typeof cell === 'string' && held.has(cell) && !firstSeen.has(key)) expected.push(i + 2);
            firstSeen.add(key);
          });
          expect(run.duplicates.filter((d) => d.heldBy === 'another-rep').map((d) => d.line)).toEqual(
            expected,
          );
          for (const d of run.duplicates)
            expect(Object.keys(d).sort()).toEqual(['field', 'heldBy', 'line', 'message']);
          const seen = seenBy(client).join('\n');
          const probed = new Set(cells.filter((c): c is string => typeof c === 'string'));
          for (const record of (await h.server.store.queryRecords(T, { limit: 1000 })).records) {
            if (record.data.ownerId === 'user-rep-a') continue;
            for (const value of valuesOf(record)) if (!probed.has(value)) expect(seen).not.toContain(value);
          }
          expect(seen).not.toContain('user-rep-b');
        },
      ),
      { numRuns: 8 },
    );
  });
});
