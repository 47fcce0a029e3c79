import type { RetentionStep, VeilRecord } from '@veil/policy';
import type { LoadedTemplate } from '../services/policyRegistry.js';
import type { Services } from '../services/services.js';
import { publishedTemplates } from '../subjects/findSubject.js';

/** One record's due steps under its template. */
export interface DueRecord {
  loaded: LoadedTemplate;
  record: VeilRecord;
  steps: RetentionStep[];
}

/** What a run would do: per template, per rule and action, how many values and records. */
export interface RetentionPreview {
  at: string;
  records: number;
  /** Records a legal hold keeps out of the run. */
  held: number;
  rules: {
    templateId: string;
    rule: string;
    /** The template's title, and the field's for a field rule, in the reader's language. */
    title: string;
    action: RetentionStep['action'];
    steps: number;
    records: number;
  }[];
}

const PAGE = 1000;

/** Records of a template page by page (every row: retention is a job over the whole store). */
async function* recordsOf(services: Services, templateId: string): AsyncIterable<VeilRecord[]> {
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Services['store']['queryRecords']>> = await services.store.queryRecords(
      templateId,
      { scope: { kind: 'all' }, limit: PAGE, ...(cursor ? { cursor } : {}) },
    );
    yield page.records;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * The retention steps due at `now` across every published template (each record under its
 * template's latest version), without the records a legal hold covers.
 */
export async function dueRecords(
  services: Services,
  now: string,
): Promise<{ due: DueRecord[]; held: number }> {
  const holds = await services.store.listDocs('legalHolds', { active: true });
  const heldIds = new Set(holds.flatMap((h) => h.records.map((r) => `${r.templateId}\n${r.recordId}`)));
  const due: DueRecord[] = [];
  let held = 0;
  for (const loaded of await publishedTemplates(services)) {
    const policy = loaded.policyFor('en');
    for await (const page of recordsOf(services, loaded.sanitized.id)) {
      const steps = policy.planRetention(page, now);
      const byRecord = new Map<string, RetentionStep[]>();
      for (const step of steps) byRecord.set(step.recordId, [...(byRecord.get(step.recordId) ?? []), step]);
      for (const record of page) {
        const mine = byRecord.get(record.id);
        if (mine === undefined) continue;
        if (heldIds.has(`${record.templateId}\n${record.id}`)) held += 1;
        else due.push({ loaded, record, steps: mine });
      }
    }
  }
  return { due, held };
}

const text = (title: string, i18n: Record<string, { title?: string }> | undefined, locale: string) =>
  i18n?.[locale]?.title ?? title;

/** A rule named for people: the template's title, then the field's for a field rule. */
function titleOf({ sanitized }: LoadedTemplate, rule: string, locale: string): string {
  const template = text(sanitized.title, sanitized.i18n, locale);
  if (rule === 'template') return template;
  const field = sanitized.fields.find((f) => f.path === rule);
  return `${template} · ${field ? text(field.title, field.i18n, locale) : rule}`;
}

/** Summarises due steps by template, rule and action. */
export function summarize(due: DueRecord[], held: number, at: string, locale = 'en'): RetentionPreview {
  const rules = new Map<string, RetentionPreview['rules'][number] & { ids: Set<string> }>();
  for (const { loaded, record, steps } of due) {
    for (const step of steps) {
      const key = `${record.templateId}\n${step.rule}\n${step.action}`;
      const entry = rules.get(key) ?? {
        templateId: record.templateId,
        rule: step.rule,
        title: titleOf(loaded, step.rule, locale),
        action: step.action,
        steps: 0,
        records: 0,
        ids: new Set<string>(),
      };
      entry.steps += 1;
      entry.ids.add(record.id);
      entry.records = entry.ids.size;
      rules.set(key, entry);
    }
  }
  return {
    at,
    records: due.length,
    held,
    rules: [...rules.values()].map(({ ids: _ids, ...rule }) => rule),
  };
}
