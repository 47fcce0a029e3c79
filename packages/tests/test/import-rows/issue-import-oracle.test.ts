import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Harness, startHarness } from '../api/apiHarness.js';
import { sheetBytes, uploadSheet } from './sheetUpload.js';

const T = 'b2b-follow-up';
let h: Harness;
let repA: ApiClient;

beforeAll(async () => {
  // A budget of three look-ups a day, so the sheet's fourth look-up is past it.
  h = await startHarness({
    seed: { customers: 24 },
    config: { loginDelayMs: () => 0, duplicateChecksPerDay: 3 },
  });
  repA = await h.as('rep-a');
});

afterAll(async () => {
  await h?.close();
});

describe('the duplicate check is not an oracle', () => {
  it('past the daily budget of look-ups, the importer learns only how many duplicates there are', async () => {
    const upload = await uploadSheet(h, repA, 'probe.csv', sheetBytes('duplicates-of-rep-b.csv'));
    const run = await repA.imports.dryRun.mutate({
      uploadId: upload.body.uploadId!,
      templateId: T,
      mapping: [
        { column: 'A', field: '/company' },
        { column: 'B', field: '/contacts/*/name' },
        { column: 'C', field: '/contacts/*/mobile' },
        { column: 'D', field: '/contacts/*/email' },
        { column: 'E', field: '/stage' },
      ],
      owner: { kind: 'importer' },
    });
    // Look-ups 1–3 (line 2's phone and e-mail, line 3's phone) are answered; lines 4–6 only counted.
    expect(run.duplicates.map((d) => [d.line, d.heldBy])).toEqual([
      [3, 'another-rep'],
      [8, 'this-file'],
    ]);
    expect(run.duplicateCount).toBe(5);
    expect(run.unlistedDuplicates).toBe(3);
    expect(run.notice).toBe('另有 3 行是已存在的客户，已提交给你的经理（今天的查重次数已用完）。');
    // The rows are still left out, and the manager's record of them is in the audit entry.
    expect(run.valid).toBe(2);
    const [check] = (await h.server.store.listAudit({ action: 'import.check', actor: 'user-rep-a' })).entries;
    expect(check?.details).toMatchObject({ duplicates: 5, unlistedDuplicates: 3 });
  });
});
