import { stripFingerprint } from '@veil/policy';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, failure, type Harness, startHarness } from './apiHarness.js';

/**
 * Export files are data leaving Veil: for every role and format, a file of every column of the
 * demo template holds no canary the role may not read in full — and, since the template's
 * confidential fields export `masked`, none at all, not even the role's own (marks stripped
 * before searching, so an invisible mark cannot hide a canary).
 */

const T = 'b2b-follow-up';
const OWNERS = ['rep-a', 'rep-b', 'rep-c', 'manager'] as const;
const EXPORTERS = ['admin', 'manager', 'rep-a', 'rep-b', 'rep-c', 'compliance'] as const;
const EVERY_COLUMN = [
  '/ownerId',
  '/company',
  '/uscc',
  '/contacts/*/name',
  '/contacts/*/position',
  '/contacts/*/mobile',
  '/contacts/*/email',
  '/dealSize',
  '/stage',
  '/nextContactAt',
  '/lastContactAt',
  '/followUps/*/at',
  '/followUps/*/channel',
  '/followUps/*/notes',
];

const canaries = (owner: string, n: number) => [
  `CANARY-NAME-${owner.toUpperCase().replace('-', '')}`,
  `1390009900${n}`,
  `canary-${owner}@example.com`,
  `CANARY-NOTE-${owner.toUpperCase().replace('-', '')}`,
  `777777${n}1`,
];

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 7 } });
  const now = new Date().toISOString();
  for (const [i, owner] of OWNERS.entries()) {
    const [name, mobile, email, note, deal] = canaries(owner, i + 1);
    await h.server.store.createRecord({
      record: {
        id: `canary-${owner}`,
        templateId: T,
        templateVersion: 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
        data: {
          ownerId: `user-${owner}`,
          company: `Canary company of ${owner}`,
          stage: 'lead',
          dealSize: Number(deal),
          contacts: [{ _id: `cc-${owner}`, name, mobile, email }],
          followUps: [{ _id: `cf-${owner}`, at: now.slice(0, 10), channel: 'phone', notes: note }],
        },
      },
      audit: { actor: 'system', action: 'record.create', target: `canary-${owner}`, details: {} },
    });
  }
});
afterAll(async () => {
  await h?.close();
});

async function fileText(body: Buffer, format: string): Promise<string> {
  if (format !== 'xlsx') return body.toString('utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.value));
      });
    }),
  );
  return cells.join('\n');
}

describe('export files hold no canary', () => {
  for (const login of EXPORTERS) {
    it(`as ${login}, in CSV, XLSX and JSON`, async () => {
      const client = await h.as(login);
      for (const format of ['csv', 'xlsx', 'json'] as const) {
        const made = await client.exports.request.mutate({
          templateId: T,
          columns: EVERY_COLUMN,
          purpose: 'contact',
          format,
        });
        const response = await fetch(`${h.server.url}/exports/${made.id}/file`, {
          headers: { cookie: cookieOf(client) },
        });
        expect(response.status).toBe(200);
        const text = stripFingerprint(await fileText(Buffer.from(await response.arrayBuffer()), format));
        for (const [i, owner] of OWNERS.entries())
          for (const canary of canaries(owner, i + 1))
            expect(text, `${login} ${format}`).not.toContain(canary);
        // Not vacuous: the rows the role may see are there.
        const own = OWNERS.includes(login as (typeof OWNERS)[number]) ? login : 'rep-a';
        expect(text).toContain(`Canary company of ${own}`);
      }
    });
  }

  it('a partner has nothing to export', async () => {
    const partner = await h.as('partner');
    const refused = await failure(
      partner.exports.request.mutate({
        templateId: T,
        columns: EVERY_COLUMN,
        purpose: 'contact',
        format: 'csv',
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
  });
});
