import type { WriteStep } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import { details, type RecordsCaller } from '../records/recordScene.js';
import { withStore } from '../services/storeErrors.js';
import { analyseRows, type MappedColumn, type OwnerChoice, type RowAnalysis } from './analyseRows.js';
import { type ImportJob, importJobsOf, JOBS_PER_USER, jobOf, jobView, runningJobsOf } from './importJobs.js';
import { deleteUpload } from './importUploads.js';
import { type OpenSheet, openSheet, type SheetInput } from './openSheet.js';

export interface ImportSettings extends SheetInput {
  /** Column letter → schema path; a column left out (or `null`) is dropped. */
  mapping: { column: string; field: string | null }[];
  owner: OwnerChoice;
  /**
   * `all-or-none` (default): a row with an error stops the import before anything is written;
   * `valid-rows` (chosen explicitly): the valid rows are imported and the others reported.
   */
  mode?: 'all-or-none' | 'valid-rows' | undefined;
}

function mappedColumns(sheet: OpenSheet, settings: ImportSettings): MappedColumn[] {
  const byLetter = new Map(sheet.header.columns.map((c) => [c.letter, c]));
  const byPath = new Map(sheet.targets.map((t) => [t.path, t]));
  const used = new Set<string>();
  const out: MappedColumn[] = [];
  for (const { column, field } of settings.mapping) {
    if (field === null) continue;
    const col = byLetter.get(column);
    if (!col) throw new VeilError('invalid-input', `The file has no column ${column}.`);
    const target = byPath.get(field);
    if (!target)
      throw new VeilError('invalid-input', `Column ${column} maps to a field the template does not have.`);
    if (used.has(field))
      throw new VeilError('invalid-input', `Two columns map to the field "${target.title}": keep one.`);
    used.add(field);
    out.push({ column: col, target });
  }
  if (settings.owner.kind === 'column' && !byLetter.has(settings.owner.column))
    throw new VeilError('invalid-input', `The file has no column ${settings.owner.column}.`);
  return out;
}

function auditSummary(sheet: OpenSheet, mapped: MappedColumn[], analysis: RowAnalysis) {
  return {
    templateId: sheet.scene.loaded.sanitized.id,
    templateVersion: sheet.scene.loaded.doc.version,
    fileName: sheet.meta.fileName,
    format: sheet.format,
    rows: analysis.rows,
    emptyRows: analysis.emptyRows,
    valid: analysis.valid,
    invalid: analysis.issueCount > 0 ? analysis.rows - analysis.valid - analysis.duplicateCount : 0,
    duplicates: analysis.duplicateCount,
    duplicateChecks: analysis.duplicateChecks,
    fields: mapped.map((m) => m.target.path),
  };
}

/** Validates every row and runs the duplicate check without writing a record; the check is audited. */
export async function dryRunImport(caller: RecordsCaller, settings: ImportSettings) {
  const sheet = await openSheet(caller, settings);
  const mapped = mappedColumns(sheet, settings);
  const analysis = await analyseRows(sheet.scene, {
    grid: sheet.grid,
    firstRow: sheet.header.headerIndex + 1,
    mapped,
    owner: settings.owner,
    ownerColumn:
      settings.owner.kind === 'column'
        ? sheet.header.columns.find((c) => c.letter === (settings.owner as { column: string }).column)
        : undefined,
    build: false,
    progress: () => true,
  });
  await caller.services.store.appendAudit({
    actor: caller.principal.id,
    action: 'import.check',
    target: settings.uploadId,
    details: auditSummary(sheet, mapped, analysis),
  });
  const { records: _r, cancelled: _c, ...report } = analysis;
  return report;
}

/**
 * Starts the import as a job: every row is read and validated first, then all records and the
 * audit entries commit as one unit of work — all rows or none. A row with an error fails the job
 * before anything is written; duplicates (撞单) are left out and reported. Cancelling before the
 * commit leaves nothing behind.
 */
export async function startImport(caller: RecordsCaller, settings: ImportSettings) {
  const { services, principal } = caller;
  if (runningJobsOf(services, principal.id) >= JOBS_PER_USER)
    throw new VeilError('too-many-requests', 'You already have imports running: wait for one to finish.');
  const sheet = await openSheet(caller, settings);
  const mapped = mappedColumns(sheet, settings);
  const job: ImportJob = {
    id: services.newId(),
    userId: principal.id,
    templateId: sheet.scene.loaded.sanitized.id,
    fileName: sheet.meta.fileName,
    status: 'running',
    processed: 0,
    total: sheet.grid.rows.length - sheet.header.headerIndex - 1,
    created: 0,
    issueCount: 0,
    issues: [],
    duplicateCount: 0,
    duplicates: [],
    cancelRequested: false,
    reason: null,
    startedAt: services.now().toISOString(),
    finishedAt: null,
  };
  importJobsOf(services).set(job.id, job);
  void runJob(caller, sheet, mapped, settings, job).catch((error: unknown) => {
    job.status = 'failed';
    job.reason =
      error instanceof VeilError && error.isPublic
        ? error.message
        : 'The import failed; nothing was imported.';
    job.finishedAt = services.now().toISOString();
    services.logger.log({
      level: 'error',
      event: 'job',
      note: 'import failed',
      errorCode: error instanceof VeilError ? error.code : 'internal',
    });
  });
  return jobView(job);
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

async function runJob(
  caller: RecordsCaller,
  sheet: OpenSheet,
  mapped: MappedColumn[],
  settings: ImportSettings,
  job: ImportJob,
): Promise<void> {
  const { services, principal } = caller;
  const analysis = await analyseRows(sheet.scene, {
    grid: sheet.grid,
    firstRow: sheet.header.headerIndex + 1,
    mapped,
    owner: settings.owner,
    ownerColumn:
      settings.owner.kind === 'column'
        ? sheet.header.columns.find((c) => c.letter === (settings.owner as { column: string }).column)
        : undefined,
    build: true,
    progress: async (done) => {
      job.processed = done;
      await yieldToOthers();
      return !job.cancelRequested;
    },
  });
  job.issueCount = analysis.issueCount;
  job.issues = analysis.issues;
  job.duplicateCount = analysis.duplicateCount;
  job.duplicates = analysis.duplicates;
  const summary = auditSummary(sheet, mapped, analysis);
  const finish = async (status: ImportJob['status'], action: string, reason: string | null) => {
    job.status = status;
    job.reason = reason;
    job.finishedAt = services.now().toISOString();
    await services.store.appendAudit({ actor: principal.id, action, target: job.id, details: summary });
  };
  if (analysis.cancelled || job.cancelRequested) return finish('cancelled', 'import.cancel', null);
  if (analysis.issueCount > 0 && settings.mode !== 'valid-rows')
    return finish(
      'failed',
      'import.fail',
      caller.locale === 'en'
        ? `${analysis.issueCount} rows have errors: nothing was imported. Fix them and import again.`
        : `${analysis.issueCount} 行有错误，未导入任何数据。请修正后重新导入。`,
    );
  job.status = 'committing';
  const scene = sheet.scene;
  const steps: WriteStep[] = analysis.records.map((record) => ({ kind: 'createRecord', record }));
  await withStore(() =>
    services.store.commit({
      steps,
      audit: [
        {
          actor: principal.id,
          action: 'import.run',
          target: job.id,
          details: { ...summary, created: steps.length },
        },
        ...analysis.records.map((record) => ({
          actor: principal.id,
          action: 'record.create',
          target: record.id,
          details: { ...details(scene, { kind: 'create', record }), importJob: job.id },
        })),
      ],
    }),
  );
  job.created = steps.length;
  job.status = 'done';
  job.finishedAt = services.now().toISOString();
  await deleteUpload(services, settings.uploadId);
}

/** The caller's job as it stands (progress, counts, the listed issues). */
export function importStatus(caller: RecordsCaller, jobId: string) {
  const job = jobOf(caller.services, caller.principal.id, jobId);
  if (!job) throw new VeilError('not-found', 'No such import.');
  return jobView(job);
}

/** Asks a running job to stop; it writes nothing. A job already committing or finished is left as it is. */
export function cancelImport(caller: RecordsCaller, jobId: string) {
  const job = jobOf(caller.services, caller.principal.id, jobId);
  if (!job) throw new VeilError('not-found', 'No such import.');
  if (job.status === 'running') job.cancelRequested = true;
  return jobView(job);
}
