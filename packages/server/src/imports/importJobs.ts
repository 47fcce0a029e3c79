import type { Services } from '../services/services.js';
import type { DuplicateRow, RowIssue } from './analyseRows.js';

type ImportJobStatus = 'running' | 'committing' | 'done' | 'failed' | 'cancelled';

/** An import in progress or finished, as its importer sees it (never a value). */
export interface ImportJob {
  id: string;
  userId: string;
  templateId: string;
  fileName: string;
  status: ImportJobStatus;
  /** Data rows read so far, and in all. */
  processed: number;
  total: number;
  created: number;
  issueCount: number;
  issues: RowIssue[];
  duplicateCount: number;
  duplicates: DuplicateRow[];
  /** Set by `cancel`; the job stops before its commit and writes nothing. */
  cancelRequested: boolean;
  /** Why a job failed, in the importer's language. */
  reason: string | null;
  startedAt: string;
  finishedAt: string | null;
}

// Jobs live with the server that runs them; a restart loses a running job, and as nothing is
// written before its single commit, it leaves nothing behind.
const registries = new WeakMap<Services, Map<string, ImportJob>>();

/** The jobs of this server. */
export function importJobsOf(services: Services): Map<string, ImportJob> {
  let jobs = registries.get(services);
  if (!jobs) {
    jobs = new Map();
    registries.set(services, jobs);
  }
  return jobs;
}

/** The caller's own job, or `undefined` (anyone else's does not exist for them). */
export function jobOf(services: Services, userId: string, jobId: string): ImportJob | undefined {
  const job = importJobsOf(services).get(jobId);
  return job && job.userId === userId ? job : undefined;
}

/** Jobs one user may run at once. */
export const JOBS_PER_USER = 2;

export function runningJobsOf(services: Services, userId: string): number {
  let n = 0;
  for (const job of importJobsOf(services).values())
    if (job.userId === userId && (job.status === 'running' || job.status === 'committing')) n += 1;
  return n;
}

/** What the importer is shown of a job. */
export function jobView(job: ImportJob) {
  const { cancelRequested: _c, userId: _u, ...view } = job;
  return view;
}
