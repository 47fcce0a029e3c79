import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKeyProvider, type RecordQuery } from '@veil/store';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSql, openPostgresStore, type PostgresStore, pageSql } from '../src/index.js';
import { projectRecord } from '../src/projectRecord.js';
import {
  dropSchema,
  postgresReachable,
  TEST_DATABASE_URL,
  testSchemaName,
} from '../src/testing/postgresTestDatabase.js';

const reachable = await postgresReachable();
const ROWS = 100_000;
const T = 'followup';
const STAGES = ['lead', 'qualified', 'proposal', 'won', 'lost'];
const blind = (field: string, value: string) => `blind-${field}-${value}`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe.skipIf(!reachable)(
  `PostgreSQL plans at ${ROWS.toLocaleString('en')} records (after ANALYZE)`,
  () => {
    const schema = testSchemaName('veil_explain');
    let root: string;
    let store: PostgresStore;
    let client: pg.Client;

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'veil-pg-explain-'));
      store = await openPostgresStore({
        connectionString: TEST_DATABASE_URL,
        schema,
        keyProvider: fileKeyProvider({ keysDir: join(root, 'keys'), dataDir: join(root, 'data') }),
        poolSize: 2,
      });
      client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
      await client.connect();
      // 20 departments under one root, 200 users, records spread over them (rows written in bulk
      // with the adapter's own projections; the plan, not the write path, is under test here).
      for (let d = 0; d < 20; d++)
        await store.putDoc('departments', { id: `d${d}`, name: `D${d}`, parentId: d === 0 ? null : 'd0' });
      for (let u = 0; u < 200; u++) {
        await client.query("INSERT INTO docs (coll, id, doc) VALUES ('users', $1, $2)", [
          `u${u}`,
          JSON.stringify({ id: `u${u}`, departmentId: `d${u % 20}`, roles: ['rep'] }),
        ]);
      }
      await store.registerTemplate({
        id: T,
        version: 1,
        owner: '/owner',
        fields: ['/owner', '/company', '/stage', '/amount', '/email'].map((path) => ({
          path,
          leaf: true,
          privacy: { encrypt: false, search: path === '/email' ? 'exact' : 'none' },
        })),
      } as never);
      for (let start = 0; start < ROWS; start += 5000) {
        const cols: unknown[][] = [[], [], [], [], [], [], []];
        for (let i = start; i < Math.min(ROWS, start + 5000); i++) {
          const id = `r${String(i).padStart(6, '0')}`;
          const data = {
            owner: `u${i % 200}`,
            company: `Company ${i}`,
            stage: STAGES[i % 5],
            amount: i % 1000,
            email: `c${i}@example.com`,
          };
          const doc = {
            id,
            templateId: T,
            templateVersion: 1,
            version: 1,
            createdAt: '',
            updatedAt: '',
            data,
          };
          const p = projectRecord(data, '/owner');
          const row = [
            id,
            p.owner,
            JSON.stringify(doc),
            [`/email\n${blind('/email', data.email)}`],
            JSON.stringify(p.terms),
            JSON.stringify(p.proj),
          ];
          for (const [c, v] of row.entries()) cols[c]?.push(v);
        }
        await client.query(
          `INSERT INTO records (template_id, id, version, owner, doc, blind, terms, proj)
         SELECT $1, id, 1, owner, doc::json, string_to_array(b, E'\\x1f'), terms::jsonb, proj::jsonb
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(id, owner, doc, b, terms, proj)`,
          [
            T,
            cols[0],
            cols[1],
            cols[2],
            (cols[3] as string[][]).map((b) => b.join('\x1f')),
            cols[4],
            cols[5],
          ],
        );
      }
      await client.query('INSERT INTO record_counts (template_id, n) VALUES ($1, $2)', [T, ROWS]);
      await client.query('ANALYZE');
    }, 300_000);

    afterAll(async () => {
      await client?.end();
      await store?.close();
      await dropSchema(schema);
      await rm(root, { recursive: true, force: true });
    });

    async function plan(sql: { text: string; values: unknown[] }): Promise<PlanNode[]> {
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) ${sql.text}`,
        sql.values,
      );
      const explained = rows[0]?.['QUERY PLAN'][0];
      if (explained === undefined) throw new Error('EXPLAIN returned no plan');
      return nodes(explained.Plan);
    }

    const rep = { kind: 'condition' as const, self: 'u1', own: true, departments: [] };
    const manager = { kind: 'condition' as const, self: 'u0', own: true, departments: [], subtrees: ['d3'] };
    // [case, query, indexes the plan may use, whether the count is checked too]. The count of
    // every record of a template (an admin's unfiltered total) is a full count: not checked here.
    // A scoped page may walk the owner index or the primary key in id order (the planner picks
    // by the statistics); either way an index, never a scan of every row.
    const SCOPED = ['records_owner', 'records_pkey'];
    const cases: [string, RecordQuery, string[], boolean?][] = [
      ['a page of 50 as a rep (own records)', { scope: rep, limit: 50 }, SCOPED],
      [
        'a page of 50 as a manager (a department subtree)',
        { scope: manager, limit: 50 },
        ['records_owner', 'records_pkey'],
      ],
      [
        'a page of 50 as a rep, sorted by a field',
        { scope: rep, limit: 50, sort: [{ field: '/amount', dir: 'desc' }] },
        SCOPED,
      ],
      ['a page of 50 over every record', { scope: { kind: 'all' }, limit: 50 }, ['records_pkey'], false],
      [
        'an eq filter',
        { filters: [{ field: '/company', op: 'eq', value: 'Company 4242' }] },
        ['records_terms'],
      ],
      [
        'a blind-index match',
        { match: [{ field: '/email', value: 'c4242@example.com' }] },
        ['records_blind'],
      ],
      ['a search as a rep', { scope: rep, search: { text: 'company 42', fields: ['/company'] } }, SCOPED],
    ];

    for (const [name, query, indexes, withCount = true] of cases) {
      it(`${name}: the page${withCount ? ' and its count' : ''} read an index, never every row`, async () => {
        const sqls = [pageSql(T, query, blind), ...(withCount ? [countSql(T, query, blind)] : [])];
        for (const sql of sqls) {
          const found = await plan(sql);
          const onRecords = found.filter(
            (n) => n['Relation Name'] === 'records' || n['Index Name']?.startsWith('records'),
          );
          console.log(
            `${name}: ${onRecords.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`).join(', ')}`,
          );
          expect(onRecords.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
          expect(onRecords.some((n) => indexes.includes(n['Index Name'] ?? ''))).toBe(true);
        }
      });
    }

    it('the unfiltered total reads the kept count, never a row of records', async () => {
      const found = await plan(countSql(T, { scope: { kind: 'all' } }, blind));
      expect(found.some((n) => n['Relation Name'] === 'records')).toBe(false);
      expect(
        found.some((n) => n['Relation Name'] === 'record_counts' || n['Index Name'] === 'record_counts_pkey'),
      ).toBe(true);
    });

    it('the store answers on these rows (a rep sees only their own 500)', async () => {
      const page = await store.queryRecords(T, { scope: rep, limit: 50 });
      expect(page.total).toBe(ROWS / 200);
      expect(page.records.every((r) => r.data.owner === 'u1')).toBe(true);
      expect((await store.queryRecords(T, { limit: 1 })).total).toBe(ROWS);
    });
  },
);
