import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { maskValue, type ProjectedRecord, stripFingerprint } from '@veil/policy';
import { parseTemplate } from '@veil/schema';
import type { AuditEntry } from '@veil/store';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, cookieOf, failure, type Harness, startHarness } from './apiHarness.js';

const T = 'b2b-follow-up';
const DAY = 86_400_000;
let h: Harness;
let offset = 0;
let repA: ApiClient;
let repB: ApiClient;
let manager: ApiClient;
let admin: ApiClient;
let compliance: ApiClient;

const COLUMNS = ['/company', '/stage', '/dealSize', '/contacts/*/mobile', '/followUps/*/notes', '/ownerId'];
const request = (extra: Record<string, unknown> = {}) => ({
  templateId: T,
  columns: COLUMNS,
  purpose: 'contact',
  format: 'csv' as const,
  ...extra,
});

beforeAll(async () => {
  h = await startHarness({
    now: () => new Date(Date.now() + offset),
    config: { loginDelayMs: () => 0, sessionIdleMs: 30 * DAY, sessionAbsoluteMs: 30 * DAY },
  });
  repA = await h.as('rep-a');
  repB = await h.as('rep-b');
  manager = await h.as('manager');
  admin = await h.as('admin');
  compliance = await h.as('compliance');
});
afterAll(async () => {
  await h?.close();
});

async function download(client: ApiClient, id: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${h.server.url}/exports/${id}/file`, {
    headers: { cookie: cookieOf(client), ...headers },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

async function setApprovalRows(rows: number) {
  const doc = (await h.server.store.getDoc('workspace', 'workspace'))!;
  await h.server.store.putDoc('workspace', {
    ...doc,
    policy: { ...doc.policy, version: doc.policy.version + 1, exportApprovalRows: rows },
  });
}

async function audit(action: string, target: string): Promise<AuditEntry[]> {
  const page = await h.server.store.listAudit({ action, target, limit: 500 });
  return page.entries;
}

/** What the rep's list view shows, in the same order as the export (same query, id order). */
async function listView(client: ApiClient, filters?: unknown[]): Promise<ProjectedRecord[]> {
  const page = await client.records.list.query({
    templateId: T,
    limit: 200,
    ...(filters ? { filters } : {}),
  } as never);
  return page.rows as ProjectedRecord[];
}

async function templateFields() {
  const published = (await h.server.store.getDoc('templates', `${T}@1`))!;
  const policy = (await h.server.store.getDoc('workspace', 'workspace'))!.policy;
  const parsed = parseTemplate(published.template, policy);
  if (parsed.status !== 'ok') throw new Error('template');
  return parsed.template.fields;
}

/** The list view's value of a column, as the export must show it (masked columns masked). */
function expectedCell(
  row: ProjectedRecord,
  path: string,
  treatment: string,
  mask: Parameters<typeof maskValue>[0],
): string {
  const segments = path.slice(1).split('/');
  const found: { pointer: string; value: unknown }[] = [];
  const walk = (value: unknown, rest: string[], pointer: string) => {
    if (rest.length === 0) {
      if (value !== undefined && value !== null) found.push({ pointer, value });
      return;
    }
    const [head, ...tail] = rest;
    if (head === '*') {
      for (const item of (value as { _id: string }[]) ?? []) walk(item, tail, `${pointer}/${item._id}`);
    } else if (value && typeof value === 'object' && head! in value)
      walk((value as Record<string, unknown>)[head!], tail, `${pointer}/${head}`);
  };
  walk(row.data, segments, '');
  return found
    .map(({ pointer, value }) =>
      treatment === 'masked' && !row.masked.includes(pointer)
        ? String(maskValue(mask, value, { locale: 'zh-CN', hashToken: (v) => v }))
        : String(value),
    )
    .join(', ');
}

describe('exports: what the file holds', () => {
  it('a rep’s CSV shows, cell by cell, what the rep’s list view shows, masked as planned, under a watermark', async () => {
    const preview = await repA.exports.preview.query(request());
    const view = await listView(repA);
    expect(preview.rowCount).toBe(view.length);
    expect(preview.needsApproval).toBe(false);
    const treatments = Object.fromEntries(preview.columns.map((c) => [c.field, c.treatment]));
    expect(treatments).toMatchObject({
      '/company': 'clear',
      '/dealSize': 'masked',
      '/contacts/*/mobile': 'masked',
    });

    const made = await repA.exports.request.mutate(request());
    expect(made.status).toBe('approved');
    const file = await download(repA, made.id);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('no-store');
    const text = file.body.toString('utf8');
    const rows = parse(text, { bom: true, relax_column_count: true }) as string[][];
    const watermark = rows[0]![0]!;
    expect(watermark).toContain('业务员甲（演示）');
    expect(watermark).toContain(made.id);
    expect(watermark).toContain('就商机联系客户');
    const fields = await templateFields();
    const kept = preview.columns.filter((c) => c.treatment !== 'dropped');
    expect(rows[1]).toEqual(kept.map((c) => c.title));
    const data = rows.slice(2);
    expect(data).toHaveLength(view.length);
    let marked = 0;
    view.forEach((row, i) => {
      kept.forEach((column, j) => {
        const cell = data[i]![j]!;
        if (cell !== stripFingerprint(cell)) marked += 1;
        const mask = fields.find((f) => f.path === column.field)!.privacy.mask;
        expect(stripFingerprint(cell), `${row.id} ${column.field}`).toBe(
          expectedCell(row, column.field, column.treatment, mask),
        );
      });
    });
    expect(marked).toBeGreaterThan(view.length);
    // No mobile number in full, not even the rep's own customers'.
    for (const row of view)
      for (const contact of (row.data.contacts ?? []) as { mobile?: string }[])
        if (contact.mobile && !row.masked.some((p) => p.endsWith('/mobile')))
          expect(text).not.toContain(contact.mobile);
  });

  it('an XLSX parses back with ExcelJS: watermark row, sheet header and footer, document properties', async () => {
    const made = await repA.exports.request.mutate(request({ format: 'xlsx' }));
    const file = await download(repA, made.id);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as never);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(made.id);
    expect(sheet.headerFooter.oddHeader).toContain(made.id);
    expect(sheet.headerFooter.oddFooter).toContain('业务员甲（演示）');
    expect(workbook.creator).toBe('业务员甲（演示）');
    expect(workbook.title).toContain(made.id);
    const view = await listView(repA);
    expect(sheet.rowCount).toBe(view.length + 2);
    expect(stripFingerprint(String(sheet.getRow(3).getCell(1).value))).toBe(view[0]!.data.company);
  });

  it('neutralizes a cell that would run as a formula', async () => {
    const evil = '=HYPERLINK("http://evil.example","open")';
    await repA.records.create.mutate({
      templateId: T,
      changes: [
        { pointer: '/company', value: evil },
        { pointer: '/stage', value: 'lead' },
      ],
    });
    const filters = [{ field: '/company', op: 'eq' as const, value: evil }];
    for (const format of ['csv', 'xlsx'] as const) {
      const made = await repA.exports.request.mutate(
        request({ filters, format, columns: ['/company', '/stage'] }),
      );
      expect(made.rowCount).toBe(1);
      const file = await download(repA, made.id);
      let cell: string;
      if (format === 'csv')
        cell = (
          parse(file.body.toString('utf8'), { bom: true, relax_column_count: true }) as string[][]
        )[2]![0]!;
      else {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(file.body as never);
        cell = String(workbook.worksheets[0]!.getRow(3).getCell(1).value);
      }
      expect(cell.startsWith("'=")).toBe(true);
      expect(stripFingerprint(cell)).toBe(`'${evil}`);
    }
  });
});

describe('exports: approval and one download', () => {
  it('refuses what the issue lists: unapproved, self-approved, someone else’s, repeated and expired downloads', async () => {
    await setApprovalRows(5);
    try {
      const pending = await repA.exports.request.mutate(request());
      expect(pending.status).toBe('pending-approval');
      expect(pending.approvalReasons).toEqual(['row-count']);
      // Not approved yet.
      expect((await download(repA, pending.id)).status).toBe(409);
      // The requester cannot approve, a teammate is no approver, the manager is.
      expect((await failure(repA.exports.approve.mutate({ exportId: pending.id }))).code).toBe('FORBIDDEN');
      expect((await failure(repB.exports.approve.mutate({ exportId: pending.id }))).code).toBe('NOT_FOUND');
      expect((await manager.exports.inbox.query()).map((e) => e.id)).toContain(pending.id);
      expect((await admin.exports.inbox.query()).map((e) => e.id)).not.toContain(pending.id);
      const approved = await manager.exports.approve.mutate({
        exportId: pending.id,
        comment: 'ok for the meeting',
      });
      expect(approved.status).toBe('approved');
      expect(approved.approvedBy).toBe('user-manager');
      // Someone else's download is refused and audited; the requester's succeeds once.
      expect((await download(repB, pending.id)).status).toBe(404);
      expect((await audit('export.download-refused', pending.id)).length).toBeGreaterThan(0);
      expect((await download(repA, pending.id)).status).toBe(200);
      expect((await download(repA, pending.id)).status).toBe(409);
      expect(await readdir(join(h.dataDir, 'exports'))).not.toContain(`${pending.id}.csv`);

      // A denied export cannot be downloaded.
      const denied = await repA.exports.request.mutate(request());
      expect((await manager.exports.deny.mutate({ exportId: denied.id, reason: 'not needed' })).status).toBe(
        'rejected',
      );
      expect((await download(repA, denied.id)).status).toBe(409);

      // Expired: approved, then the download window passes; the file is gone.
      const late = await repA.exports.request.mutate(request());
      await manager.exports.approve.mutate({ exportId: late.id });
      offset += 2 * DAY;
      expect((await download(repA, late.id)).status).toBe(409);
      expect((await repA.exports.mine.query()).find((e) => e.id === late.id)!.status).toBe('expired');
      expect((await audit('export.expire', late.id)).length).toBe(1);

      // A manager's own export goes to the admin at the top.
      const own = await manager.exports.request.mutate(request());
      expect(own.status).toBe('pending-approval');
      expect((await failure(manager.exports.approve.mutate({ exportId: own.id }))).code).toBe('FORBIDDEN');
      expect((await admin.exports.inbox.query()).map((e) => e.id)).toContain(own.id);
      expect((await admin.exports.approve.mutate({ exportId: own.id })).approvedBy).toBe('user-admin');
      // The only admin has nobody above: an export that needs approval is refused up front.
      expect((await failure(admin.exports.request.mutate(request()))).code).toBe('FORBIDDEN');
    } finally {
      await setApprovalRows(100);
    }
  });

  it('resumes an interrupted download without using it up, then counts it once', async () => {
    const made = await repA.exports.request.mutate(request());
    const first = await download(repA, made.id, { range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.body.length).toBe(100);
    const total = Number(first.headers.get('content-range')!.split('/')[1]);
    const rest = await download(repA, made.id, { range: `bytes=100-` });
    expect(rest.status).toBe(206);
    expect(100 + rest.body.length).toBe(total);
    expect((await download(repA, made.id)).status).toBe(409);
    expect((await audit('export.download', made.id)).length).toBe(1);
  });

  it('re-checks access when the file is built: lost rows are dropped, no access left voids the export', async () => {
    await setApprovalRows(5);
    try {
      const ofRepB = [{ field: '/ownerId', op: 'eq' as const, value: 'user-rep-b' }];
      const onlyB = await repA.exports.request.mutate(request({ filters: ofRepB }));
      const all = await repA.exports.request.mutate(request());
      await manager.exports.approve.mutate({ exportId: onlyB.id });
      await manager.exports.approve.mutate({ exportId: all.id });
      // Rep A moves to the west: rep B's customers leave rep A's team before the files are built.
      await admin.users.setDepartment.mutate({ userId: 'user-rep-a', departmentId: 'dept-west' });
      expect((await download(repA, onlyB.id)).status).toBe(409);
      expect((await repA.exports.mine.query()).find((e) => e.id === onlyB.id)!.status).toBe('void');
      const file = await download(repA, all.id);
      expect(file.status).toBe(200);
      const mine = (await repA.exports.mine.query()).find((e) => e.id === all.id)!;
      expect(mine.rowsDropped).toBeGreaterThan(0);
      expect(mine.rowsWritten! + mine.rowsDropped!).toBe(all.rowCount);
      expect(file.body.toString('utf8')).not.toContain('user-rep-b');
    } finally {
      await admin.users.setDepartment.mutate({ userId: 'user-rep-a', departmentId: 'dept-east' });
      await setApprovalRows(100);
    }
  });

  it('audits every step with ids and codes, never a value', async () => {
    const entries: AuditEntry[] = [];
    for await (const entry of h.server.store.exportAudit())
      if (entry.action.startsWith('export.')) entries.push(entry);
    const actions = new Set(entries.map((e) => e.action));
    for (const action of [
      'export.request',
      'export.approve',
      'export.deny',
      'export.build',
      'export.download',
      'export.expire',
    ])
      expect(actions).toContain(action);
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/1390000\d{4}/);
    expect(text).not.toContain('演示客户');
    expect(text).not.toContain('ok for the meeting');
  });
});

describe('exports: tracing a leak', () => {
  it('finds the one export of 100 that 5 copied rows came from — as text and after CSV → XLSX → CSV — and nothing for typed rows', async () => {
    const template = (await h.server.store.getDoc('users', 'user-rep-b'))!;
    const tracers: ApiClient[] = [];
    for (let i = 0; i < 100; i++) {
      await h.server.store.putDoc('users', {
        ...template,
        id: `user-tracer-${i}`,
        login: `tracer-${i}`,
        name: `Tracer ${i}`,
      });
    }
    for (let i = 0; i < 100; i++) tracers.push(await h.as(`tracer-${i}`));
    const sameRows = request({
      filters: [{ field: '/ownerId', op: 'eq', value: 'user-rep-b' }],
      columns: ['/company', '/stage', '/dealSize', '/nextContactAt', '/ownerId'],
    });
    const files: { id: string; text: string }[] = [];
    for (const tracer of tracers) {
      const made = await tracer.exports.request.mutate(sameRows);
      files.push({ id: made.id, text: (await download(tracer, made.id)).body.toString('utf8') });
    }
    const leaked = files[37]!;
    const rows = (parse(leaked.text, { bom: true, relax_column_count: true }) as string[][]).slice(2, 7);
    expect(rows).toHaveLength(5);

    const asText = rows.map((row) => row.join('\t')).join('\n');
    const traced = await compliance.exports.trace.mutate({ text: asText });
    expect(traced.map((t) => t.exportId)).toEqual([leaked.id]);
    expect(traced[0]).toMatchObject({
      requestedBy: 'user-tracer-37',
      purpose: 'contact',
      approvedBy: 'policy',
    });

    // Pasted into a sheet, saved as XLSX, saved again as CSV.
    const sheetBook = new ExcelJS.Workbook();
    const sheet = sheetBook.addWorksheet('pasted');
    for (const row of rows) sheet.addRow(row);
    const reopened = new ExcelJS.Workbook();
    await reopened.xlsx.load((await sheetBook.xlsx.writeBuffer()) as never);
    const resaved = Buffer.from(await reopened.csv.writeBuffer()).toString('utf8');
    expect(stripFingerprint(resaved)).toContain(stripFingerprint(rows[0]![0]!));
    expect((await compliance.exports.trace.mutate({ text: resaved })).map((t) => t.exportId)).toEqual([
      leaked.id,
    ]);

    // The same rows typed in by hand carry no marks: no match.
    expect(await compliance.exports.trace.mutate({ text: stripFingerprint(asText) })).toEqual([]);
    // Reps may not trace.
    expect((await failure(repA.exports.trace.mutate({ text: asText }))).code).toBe('FORBIDDEN');
    // The trace store keeps a key per export, never a cell.
    const docs = await h.server.store.listDocs('exports');
    const keys = files.map(({ id }) => docs.find((d) => d.id === id)!.meta!.fingerprintKey as string);
    expect(new Set(keys).size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.stringify(docs);
    expect(stored).not.toContain(stripFingerprint(rows[0]![0]!));
    // The fragment is not audited.
    const traces = (await h.server.store.listAudit({ action: 'export.trace', limit: 100 })).entries;
    expect(JSON.stringify(traces)).not.toContain(stripFingerprint(rows[0]![0]!));
  }, 240_000);
});

describe('exports: the leaver guard', () => {
  it('deactivating a user voids their pending and approved-but-not-downloaded exports in the same step', async () => {
    await setApprovalRows(5);
    try {
      const repC = await h.as('rep-c');
      const downloaded = await repC.exports.request.mutate(request({ columns: ['/company'] }));
      await manager.exports.approve.mutate({ exportId: downloaded.id });
      expect((await download(repC, downloaded.id)).status).toBe(200);
      const pending = await repC.exports.request.mutate(request());
      const approved = await repC.exports.request.mutate(request());
      await manager.exports.approve.mutate({ exportId: approved.id });
      const result = await admin.users.deactivate.mutate({ userId: 'user-rep-c', successorId: 'user-rep-b' });
      expect(result.exportsVoided).toBe(2);
      for (const id of [pending.id, approved.id]) {
        expect((await h.server.store.getDoc('exports', id))!.status).toBe('void');
        expect((await audit('export.void', id))[0]!.details).toMatchObject({ reason: 'leaver' });
      }
      expect((await h.server.store.getDoc('exports', downloaded.id))!.status).toBe('downloaded');
      expect((await audit('user.deactivate', 'user-rep-c'))[0]!.details).toMatchObject({ exportsVoided: 2 });
      expect((await manager.exports.inbox.query()).map((e) => e.id)).not.toContain(pending.id);
    } finally {
      await setApprovalRows(100);
    }
  });
});
