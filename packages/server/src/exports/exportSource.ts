import type { ExportPlan, Query, Viewer } from '@veil/policy';
import type { FieldFilter, SortKey } from '@veil/schema';
import type { RecordQuery, Store } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import { scopeForStore } from '../records/recordScope.js';
import type { LoadedTemplate } from '../services/policyRegistry.js';
import { withStore } from '../services/storeErrors.js';
import type { ExportActor } from './exportActor.js';

/** Most rows one export may hold. */
const MAX_EXPORT_ROWS = 100_000;

/** What to export: a view of the template, or a filter the requester may run; columns default to the view's. */
export interface ExportSourceInput {
  templateId: string;
  viewId?: string;
  filters?: FieldFilter[];
  sort?: SortKey[];
  columns?: string[];
}

/** The rows and columns an export request resolves to, for the requester. */
export interface ExportSource {
  loaded: LoadedTemplate;
  viewer: Viewer;
  columns: string[];
  filters: FieldFilter[];
  sort: SortKey[];
  rowIds: string[];
}

function refuse(
  refusals: { field: string; clause: string; reason: string }[],
  loaded: LoadedTemplate,
): never {
  const title = (path: string) => loaded.sanitized.fields.find((f) => f.path === path)?.title ?? path;
  throw new VeilError(
    'query-refused',
    `This export filters or sorts on fields you may not use: ${refusals.map((r) => `${title(r.field)} (${r.reason})`).join(', ')}.`,
    {
      issues: refusals.map((r) => ({
        path: r.field,
        code: r.reason,
        message: `Not allowed in ${r.clause}.`,
      })),
    },
  );
}

/** Ids of every row matching the guarded query in the viewer's scope, a page at a time. */
async function rowIdsOf(store: Store, templateId: string, query: RecordQuery): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await withStore(() =>
      store.queryRecords(templateId, { ...query, limit: 1000, ...(cursor ? { cursor } : {}) }),
    );
    for (const record of page.records) ids.push(record.id);
    if (ids.length > MAX_EXPORT_ROWS)
      throw new VeilError(
        'invalid-input',
        `An export holds at most ${MAX_EXPORT_ROWS} rows; narrow the filter and export in parts.`,
      );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** Resolves a view or filter to rows the requester may see, refusing a query they may not run. */
export async function resolveExportSource(
  actor: ExportActor,
  input: ExportSourceInput,
): Promise<ExportSource> {
  const { services } = actor;
  const loaded = await services.policies.load(input.templateId);
  const viewer = await services.policies.viewerFor(actor.principal);
  const view =
    input.viewId === undefined ? undefined : loaded.sanitized.views.find((v) => v.id === input.viewId);
  if (input.viewId !== undefined && view === undefined)
    throw new VeilError('not-found', 'This template has no such view.');
  const filters = [...(view?.filter ?? []), ...(input.filters ?? [])];
  const sort = input.sort ?? view?.sort ?? [];
  const columns = input.columns ?? view?.columns ?? [];
  if (columns.length === 0) throw new VeilError('invalid-input', 'Choose at least one column to export.');
  const compiled = loaded.policyFor(actor.locale);
  const query: Query = { filters, sort };
  const guard = compiled.guardQuery(query, viewer);
  if (guard.status === 'refused') refuse(guard.refusals, loaded);
  const scope = await scopeForStore(services.store, viewer, guard.scope);
  const rowIds = await rowIdsOf(services.store, loaded.sanitized.id, { filters, sort, scope });
  return { loaded, viewer, columns, filters, sort, rowIds };
}

/** The plan for a resolved source, as `planExport` gives it (watermark for this export id and time). */
export function planSource(
  actor: ExportActor,
  source: ExportSource,
  request: { format: 'csv' | 'xlsx' | 'json'; purpose: string; exportId: string; at: string },
): ExportPlan {
  return source.loaded
    .policyFor(actor.locale)
    .planExport({ ...request, columns: source.columns, rowCount: source.rowIds.length }, source.viewer);
}
