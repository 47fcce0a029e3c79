import type { FieldFilter, SortKey } from '@veil/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ListPage } from '../api/api.js';
import type { ColumnInfo, ProjectedRecord, TemplateSummary, ViewInfo } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { listSeparator } from '../app/labels.js';
import { href, navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { useLoad } from '../app/useLoad.js';
import { usePeople } from '../app/usePeople.js';
import { ErrorBox, Loaded } from '../components/Status.js';
import { hasEditableField } from '../form/schemaFields.js';
import { defaultColumns } from '../table/defaultColumns.js';
import { loadColumns } from '../table/loadColumns.js';
import { ownerColumns, withOwnerChoices } from '../table/ownerColumns.js';
import { QueryBar } from '../table/QueryBar.js';
import { RecordTable } from '../table/RecordTable.js';
import { refusedFields } from '../table/refusedFields.js';
import { searchCoverage } from '../table/searchCoverage.js';

export function CustomersScreen({
  templateId,
  viewId,
}: {
  templateId?: string | undefined;
  viewId?: string | undefined;
}) {
  const templates = useLoad(() => api.templates(), []);
  return (
    <Loaded load={templates}>
      {(list) => {
        const template = list.find((t) => t.id === templateId) ?? list[0];
        if (!template) return <EmptyState />;
        return <TemplateRecords key={template.id} templates={list} template={template} viewId={viewId} />;
      }}
    </Loaded>
  );
}

function EmptyState() {
  const { t } = useI18n();
  return <p className="muted">{t('common.none')}</p>;
}

function TemplateRecords({
  templates,
  template,
  viewId,
}: {
  templates: TemplateSummary[];
  template: TemplateSummary;
  viewId: string | undefined;
}) {
  const { t } = useI18n();
  const view: ViewInfo | undefined = template.views.find((v) => v.id === viewId) ?? template.views[0];
  // "New" only for someone the workspace policy lets create records (`records.create`) and who can
  // fill in something on a new record (a partner cannot).
  const { can } = useSession();
  const mayCreate = can('records.create');
  const creatable = useLoad(
    () =>
      mayCreate
        ? api.form(template.id).then((f) => hasEditableField(f.schema, f.uiSchema))
        : Promise.resolve(false),
    [template.id, mayCreate],
  );
  return (
    <section className="customers">
      <div className="screen-head">
        <h1>{t('nav.customers')}</h1>
        {templates.length > 1 && (
          <select
            aria-label={t('list.template')}
            value={template.id}
            onChange={(e) => navigate(href(['customers'], { template: e.target.value }))}
          >
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.title}
              </option>
            ))}
          </select>
        )}
        {view && (
          <a className="button" href={href(['exports', 'new'], { template: template.id, view: view.id })}>
            {t('exports.export')}
          </a>
        )}
        {creatable.status === 'ok' && creatable.data && (
          <a className="button primary" href={href(['records', template.id, 'new'])}>
            + {t('list.newRecord')}
          </a>
        )}
      </div>
      <div className="tabs" role="tablist">
        {template.views.map((v) => (
          <a
            key={v.id}
            role="tab"
            aria-selected={v.id === view?.id}
            className={v.id === view?.id ? 'tab active' : 'tab'}
            href={href(['customers'], { template: template.id, view: v.id })}
          >
            {v.title}
          </a>
        ))}
      </div>
      <ViewRecords key={view?.id ?? ''} template={template} view={view} />
    </section>
  );
}

function ViewRecords({ template, view }: { template: TemplateSummary; view: ViewInfo | undefined }) {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<FieldFilter[]>([]);
  const [sort, setSort] = useState<SortKey[] | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<ProjectedRecord[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const cursor = useRef<string | null>(null);
  const busy = useRef(false);
  const generation = useRef(0);

  // One form per relation among the rows tells which fields are shown in full everywhere.
  const relations = [...new Set(rows.map((r) => r.relation))].sort().join(',');
  const sampleRows = useRef<ProjectedRecord[]>([]);
  sampleRows.current = rows;
  // `relations` changes only when the set of relations does: then the columns are reloaded.
  const columnsLoad = useLoad(() => loadColumns(template.id, sampleRows.current), [template.id, relations]);
  const people = usePeople();
  const loadedColumns = columnsLoad.status === 'ok' ? columnsLoad.data : [];
  // The owner is filtered by name ("me", or anyone for admins), never by typing a user id.
  const owners = ownerColumns(loadedColumns, rows, people);
  const allColumns = loadedColumns.map((c) => (owners.has(c.path) ? withOwnerChoices(c, people) : c));
  const byPath = new Map(allColumns.map((c) => [c.path, c]));
  // A view's column the viewer may not see at all is simply not there.
  const columns = (view?.columns ?? defaultColumns(allColumns, template))
    .map((p) => byPath.get(p))
    .filter((c): c is ColumnInfo => c !== undefined);
  const coverage = searchCoverage(loadedColumns);

  const fetchPage = useCallback(
    async (reset: boolean) => {
      if (busy.current && !reset) return;
      if (!reset && cursor.current === null) return;
      const gen = reset ? ++generation.current : generation.current;
      busy.current = true;
      setLoading(true);
      try {
        const page: ListPage = await api.list({
          templateId: template.id,
          filters: [...(view?.filter ?? []), ...filters],
          sort: sort ?? view?.sort ?? [],
          // The server looks where `planSearch` says: only fields read in full, never refused.
          ...(search ? { find: search } : {}),
          cursor: reset ? null : cursor.current,
          limit: 200,
        });
        if (gen !== generation.current) return;
        cursor.current = page.nextCursor;
        setTotal(page.total);
        setRows((prev) => (reset ? page.items : [...prev, ...page.items]));
        setError(null);
      } catch (e) {
        if (gen !== generation.current) return;
        setError(e);
        if (reset) {
          setRows([]);
          setTotal(null);
        }
      } finally {
        if (gen === generation.current) {
          busy.current = false;
          setLoading(false);
        }
      }
    },
    [template.id, view, filters, sort, search],
  );

  useEffect(() => {
    void fetchPage(true);
  }, [fetchPage]);
  const onNearEnd = useCallback(() => void fetchPage(false), [fetchPage]);

  return (
    <>
      <QueryBar
        columns={allColumns}
        coverage={coverage}
        filters={filters}
        sort={sort ?? view?.sort ?? []}
        search={search}
        onChange={(next) => {
          setFilters(next.filters);
          setSort(next.sort);
          setSearch(next.search);
        }}
      />
      <p className="muted small">{t('list.onlyAllowed')}</p>
      {error !== null &&
        (refusedFields(error).length > 0 ? (
          // Named by title in the viewer's language, never the server's English or a JSON path.
          <div className="refusal" data-testid="query-refusal">
            <strong>
              {t('list.refusedFields', {
                fields: refusedFields(error)
                  .map((p) => byPath.get(p)?.title ?? p)
                  .join(listSeparator(locale)),
              })}
            </strong>
          </div>
        ) : (
          <div className="refusal" data-testid="query-refusal">
            <strong>{t('list.refused')}</strong>
            <ErrorBox error={error} />
          </div>
        ))}
      {error === null && (
        <p className="muted small" aria-live="polite">
          {loading
            ? t('common.loading')
            : total !== null && total > rows.length && cursor.current === null
              ? t('search.firstOnly', { n: rows.length, total })
              : t('common.rows', { n: total ?? rows.length })}
        </p>
      )}
      <RecordTable templateId={template.id} columns={columns} rows={rows} onNearEnd={onNearEnd} />
    </>
  );
}
