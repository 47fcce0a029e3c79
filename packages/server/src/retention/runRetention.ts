import type { JobDoc, WriteStep } from '@veil/store';
import { StoreError } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';
import { withStore } from '../services/storeErrors.js';
import { type DueRecord, dueRecords, type RetentionPreview, summarize } from './planRetentionRun.js';
import { retentionMessage } from './retentionMessages.js';

/** The lock document: one retention run at a time, across every server sharing the store. */
const RETENTION_LOCK = 'retention-lock';
/** A lock not renewed for this long belongs to a run that died: the next run takes it over. */
const RETENTION_LEASE_MS = 10 * 60_000;

async function takeLock(services: Services, actor: string, locale: 'zh-CN' | 'en'): Promise<JobDoc> {
  const now = services.now();
  const lock: JobDoc = {
    id: RETENTION_LOCK,
    kind: 'retention',
    status: 'running',
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    progress: { actor, done: 0 },
  };
  const existing = await services.store.getDoc('jobs', RETENTION_LOCK);
  if (existing && Date.parse(existing.updatedAt) + RETENTION_LEASE_MS < now.getTime())
    await services.store.deleteDoc('jobs', RETENTION_LOCK);
  try {
    // insertDoc is atomic: of two runs starting together, exactly one gets the lock.
    await services.store.insertDoc('jobs', lock);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'CONFLICT')
      throw new VeilError('conflict', retentionMessage('running', locale));
    throw error;
  }
  return lock;
}

/** One record's due steps as a unit-of-work step and its audit entry; `null` when only archive is due. */
function prepareDue(services: Services, { loaded, record, steps }: DueRecord, actor: string) {
  const policy = loaded.policyFor('en');
  const applied = steps.filter((s) => s.action !== 'archive');
  if (applied.length === 0) return null;
  let next: typeof record | null = record;
  for (const step of applied) if (next !== null) next = policy.applyRetentionStep(next, step);
  const audit = {
    actor,
    action: 'retention.apply',
    target: services.keyring.auditRef(record.id),
    details: {
      templateId: record.templateId,
      steps: applied.map((s) => ({ rule: s.rule, action: s.action, values: s.pointers.length })),
    },
  };
  const step: WriteStep =
    next === null
      ? { kind: 'deleteRecord', templateId: record.templateId, id: record.id, erase: true }
      : {
          kind: 'updateRecord',
          record: { ...next, version: record.version + 1, updatedAt: services.now().toISOString() },
          expectedVersion: record.version,
          supersededBy: actor,
          // What retention removed must not stay in the record's history (decision 292).
          erase: true,
        };
  return { record, step, audit, values: applied.length, deleted: next === null };
}

type Prepared = NonNullable<ReturnType<typeof prepareDue>>;

/** Commits a chunk as one unit (one keys-file rewrite); on a conflict, record by record. */
async function commitChunk(services: Services, chunk: Prepared[]): Promise<Prepared[]> {
  const commit = (items: Prepared[]) =>
    withStore(() =>
      services.store.commit({ steps: items.map((i) => i.step), audit: items.map((i) => i.audit) }),
    );
  try {
    await commit(chunk);
    return chunk;
  } catch (error) {
    if (!(error instanceof VeilError && (error.code === 'conflict' || error.code === 'not-found')))
      throw error;
  }
  const done: Prepared[] = [];
  for (const item of chunk) {
    try {
      await commit([item]);
      done.push(item);
    } catch (error) {
      if (!(error instanceof VeilError && (error.code === 'conflict' || error.code === 'not-found')))
        throw error;
    }
  }
  return done;
}

const CHUNK = 100;

/**
 * A retention run (decision 292): takes the store-wide lock, applies every due step but archive
 * (not yet implemented: counted, left in place), each record audited, progress kept in the lock
 * document, and the run audited with its totals. A record changed meanwhile is left for the
 * next run.
 */
export async function runRetention(services: Services, options: { actor: string; locale: 'zh-CN' | 'en' }) {
  const lock = await takeLock(services, options.actor, options.locale);
  try {
    const at = services.now().toISOString();
    const { due, held } = await dueRecords(services, at);
    const preview: RetentionPreview = summarize(due, held, at, options.locale);
    let applied = 0;
    let deleted = 0;
    let changed = 0;
    let skipped = 0;
    for (let from = 0; from < due.length; from += CHUNK) {
      const chunk: Prepared[] = [];
      for (const item of due.slice(from, from + CHUNK)) {
        const prepared = prepareDue(services, item, options.actor);
        if (prepared === null) skipped += 1;
        else chunk.push(prepared);
      }
      const done = await commitChunk(services, chunk);
      skipped += chunk.length - done.length;
      for (const item of done) {
        applied += item.values;
        if (!item.deleted) changed += 1;
        else {
          deleted += 1;
          await services.store.eraseFromReadSets({
            templateId: item.record.templateId,
            recordId: item.record.id,
          });
        }
      }
      await services.store.putDoc('jobs', {
        ...lock,
        updatedAt: services.now().toISOString(),
        progress: { ...lock.progress, done: Math.min(due.length, from + CHUNK), of: due.length },
      });
    }
    const totals = { records: due.length, deleted, changed, skipped, held, values: applied };
    await services.store.appendAudit({
      actor: options.actor,
      action: 'retention.run',
      target: 'retention',
      details: totals,
    });
    return { ...totals, rules: preview.rules, at };
  } finally {
    await services.store.deleteDoc('jobs', RETENTION_LOCK);
  }
}

/** What a run would do now, changing nothing (audited as a preview). */
export async function previewRetention(
  services: Services,
  actor: string,
  locale = 'en',
): Promise<RetentionPreview> {
  const at = services.now().toISOString();
  const { due, held } = await dueRecords(services, at);
  const preview = summarize(due, held, at, locale);
  await services.store.appendAudit({
    actor,
    action: 'retention.preview',
    target: 'retention',
    details: { records: preview.records, held },
  });
  return preview;
}
