// Export pipeline (issue 14): 1,000,000 generated rows of the demo follow-up template (streamed
// from a generator, never loaded from a store) projected for a rep, masked as planned,
// watermarked and fingerprinted to CSV by the server's export writer, vs. plain csv-stringify of
// the same raw rows to the same kind of file. Also reports the XLSX writer's rate on a tenth of
// the rows and the peak RSS of the CSV run. Needs the built packages (`pnpm build`).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify';
import { compileExportRow, compilePolicy, createViewer } from '../../packages/policy/dist/index.js';
import { parseTemplate } from '../../packages/schema/dist/index.js';
import { exportPrf } from '../../packages/server/dist/exports/exportPrf.js';
import { writeExportFile } from '../../packages/server/dist/exports/writeExportFile.js';
import { checkAll, checkTarget } from '../lib/target.mjs';

export const name = 'export';
/** A million rows take a while: one warm-up-free run, alternating inside. */
export const harness = { warmup: 0, repetitions: 1 };

const root = fileURLToPath(new URL('../../templates/', import.meta.url));
const COLUMNS = ['/company', '/stage', '/dealSize', '/contacts/*/mobile', '/nextContactAt', '/ownerId'];
const OWNERS = ['user-rep-a', 'user-rep-b'];
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const KEYS = { hashToken: (v) => `h${v.length}`, blindIndex: () => 'b', auditRef: (id) => id };

function* records(count) {
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(7, '0');
    yield {
      id: `r${n}`,
      templateId: 'b2b-follow-up',
      templateVersion: 1,
      version: 1,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      data: {
        ownerId: OWNERS[i % 2],
        company: `演示客户 ${n} 有限公司 (Demo Co. ${n})`,
        stage: STAGES[i % 6],
        dealSize: (i * 7919) % 3_000_000,
        nextContactAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        contacts: [{ _id: `c${i}`, name: '演示甲乙', mobile: `139${String(i % 1e8).padStart(8, '0')}` }],
      },
    };
  }
}

function setup() {
  const policy = JSON.parse(readFileSync(join(root, 'workspace-policy.json'), 'utf8'));
  const template = JSON.parse(readFileSync(join(root, 'b2b-follow-up', 'template.json'), 'utf8'));
  const parsed = parseTemplate(template, policy);
  if (parsed.status !== 'ok') throw new Error('the demo template does not parse');
  const compiled = compilePolicy(parsed.template, policy, { keys: KEYS, locale: 'zh-CN' });
  const viewer = createViewer(
    { id: 'user-rep-a', roles: ['rep'], departmentId: 'dept-east', managedDepartmentIds: [], name: 'Rep A' },
    {
      parentOf: { 'dept-sales': null, 'dept-east': 'dept-sales' },
      departmentOf: { 'user-rep-a': 'dept-east', 'user-rep-b': 'dept-east' },
    },
  );
  const plan = compiled.planExport(
    {
      columns: COLUMNS,
      rowCount: 0,
      format: 'csv',
      purpose: 'contact',
      exportId: 'bench',
      at: '2026-01-01T00:00:00Z',
    },
    viewer,
  );
  const rowOf = compileExportRow(parsed.template, plan, { locale: 'zh-CN', hashToken: KEYS.hashToken });
  return { compiled, viewer, plan, rowOf };
}

async function pipelineRun(dir, count, format, ctx) {
  async function* rows() {
    for (const record of records(count)) {
      const projected = ctx.compiled.projectRecord(record, ctx.viewer);
      if (projected) yield ctx.rowOf(projected);
    }
  }
  const path = join(dir, `pipeline.${format}`);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  await writeExportFile({
    path,
    format,
    exportId: 'bench',
    watermark: ctx.plan.watermark,
    author: 'Rep A',
    titles: COLUMNS,
    rows: rows(),
    prf: exportPrf('ab'.repeat(32)),
  });
  const ms = performance.now() - started;
  clearInterval(sampler);
  const bytes = (await stat(path)).size;
  await rm(path);
  return { ms, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20, bytes };
}

async function plainRun(dir, count) {
  async function* rows() {
    for (const record of records(count)) {
      const d = record.data;
      yield [
        d.company,
        d.stage,
        d.dealSize,
        d.contacts.map((c) => c.mobile).join(', '),
        d.nextContactAt,
        d.ownerId,
      ];
    }
  }
  const path = join(dir, 'plain.csv');
  const started = performance.now();
  await pipeline(Readable.from(rows()), stringify(), (await import('node:fs')).createWriteStream(path));
  const ms = performance.now() - started;
  await rm(path);
  return { ms };
}

export async function run({ size, smoke }) {
  const count = size ?? (smoke ? 2_000 : 1_000_000);
  const ctx = setup();
  const dir = await mkdtemp(join(tmpdir(), 'veil-bench-export-'));
  try {
    // Alternate plain / pipeline so a shared machine's drift hits both.
    const plain = [];
    const piped = [];
    for (let round = 0; round < (smoke ? 1 : 2); round++) {
      plain.push((await plainRun(dir, count)).ms);
      piped.push(await pipelineRun(dir, count, 'csv', ctx));
    }
    const plainMs = Math.min(...plain);
    const best = piped.reduce((a, b) => (a.ms <= b.ms ? a : b));
    const peakMb = Math.max(...piped.map((p) => p.peakMb));
    const figure = count / (best.ms / 1000);
    const baseline = count / (plainMs / 1000);
    const ratio = figure / baseline;
    const xlsxRows = Math.max(1, Math.floor(count / 10));
    const xlsx = await pipelineRun(dir, xlsxRows, 'xlsx', ctx);
    return [
      {
        metric: 'csv rows/s (masked, watermarked, fingerprinted) vs plain csv-stringify',
        figure,
        unit: 'rows/s',
        baseline,
        ratio,
        size: count,
        peakRssMb: Math.round(peakMb),
        ...checkAll(checkTarget(ratio, '>=', 0.7, 'x'), checkTarget(peakMb, '<=', 256, ' MB')),
      },
      {
        metric: 'xlsx rows/s (streaming writer) vs plain csv-stringify',
        figure: xlsxRows / (xlsx.ms / 1000),
        unit: 'rows/s',
        baseline,
        ratio: xlsxRows / (xlsx.ms / 1000) / baseline,
        size: xlsxRows,
        peakRssMb: Math.round(xlsx.peakMb),
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
