import type { FieldFilter, FilterOp, SortKey } from '@veil/schema';
import { type FormEvent, useState } from 'react';
import type { ColumnInfo } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { listSeparator } from '../app/labels.js';
import type { SearchCoverage } from './searchCoverage.js';

export interface QueryState {
  filters: FieldFilter[];
  sort: SortKey[];
  search: string;
}

/**
 * Search, one filter and one sort. Only columns the server says the viewer reads in full
 * on every row are offered; the server still refuses anything else, and that refusal is shown.
 */
export function QueryBar({
  columns,
  filters,
  sort,
  search,
  coverage,
  onChange,
}: QueryState & {
  columns: ColumnInfo[];
  coverage?: SearchCoverage | undefined;
  onChange: (next: QueryState) => void;
}) {
  const { t, locale } = useI18n();
  const sep = listSeparator(locale);
  const searchable =
    coverage === undefined || coverage.everywhere.length + coverage.inFull.length + coverage.exact.length > 0;
  const queryable = columns.filter((c) => c.queryable && !c.path.includes('*'));
  const [text, setText] = useState(search);
  const [field, setField] = useState(filters[0]?.field ?? '');
  const [value, setValue] = useState(filters[0]?.value === undefined ? '' : String(filters[0]?.value));
  const column = queryable.find((c) => c.path === field);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ filters: buildFilters(column, value), sort, search: text.trim() });
  };
  const sortKey = sort[0];
  return (
    <form className="querybar" onSubmit={submit}>
      {searchable && (
        <input
          type="search"
          name="find"
          placeholder={t('list.searchPlaceholder')}
          aria-label={t('common.search')}
          aria-describedby="search-coverage"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      {queryable.length === 0 ? (
        <span className="muted small">{t('list.noSortable')}</span>
      ) : (
        <>
          <label className="inline">
            <span>{t('list.filter')}</span>
            <select
              aria-label={t('list.filter')}
              value={field}
              onChange={(e) => setField(e.target.value)}
              name="filter-field"
            >
              <option value="">—</option>
              {queryable.map((c) => (
                <option key={c.path} value={c.path}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
          {column?.enum ? (
            <select
              aria-label={t('list.value')}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              name="filter-value"
            >
              <option value="">—</option>
              {column.enum.map((v, i) => (
                <option key={String(v)} value={String(v)}>
                  {column.enumNames?.[i] ?? String(v)}
                </option>
              ))}
            </select>
          ) : (
            column && (
              <input
                aria-label={t('list.value')}
                name="filter-value"
                type={
                  column.kind === 'number' || column.kind === 'integer'
                    ? 'number'
                    : column.format === 'date'
                      ? 'date'
                      : 'text'
                }
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            )
          )}
          <label className="inline">
            <span>{t('list.sort')}</span>
            <select
              aria-label={t('list.sort')}
              name="sort-field"
              value={sortKey ? `${sortKey.field} ${sortKey.dir}` : ''}
              onChange={(e) => {
                const [f, dir] = e.target.value.split(' ');
                const next = f ? [{ field: f, dir: dir === 'desc' ? 'desc' : 'asc' } as SortKey] : [];
                onChange({ filters: buildFilters(column, value), sort: next, search: text.trim() });
              }}
            >
              <option value="">—</option>
              {queryable.flatMap((c) => [
                <option key={`${c.path}-asc`} value={`${c.path} asc`}>
                  {c.title} ↑
                </option>,
                <option key={`${c.path}-desc`} value={`${c.path} desc`}>
                  {c.title} ↓
                </option>,
              ])}
            </select>
          </label>
        </>
      )}
      <button type="submit">{t('common.apply')}</button>
      {coverage && (
        // Which fields the box looks in, as the server's plan says (`planSearch`).
        <p id="search-coverage" className="muted small search-coverage" data-testid="search-coverage">
          {searchable ? (
            <>
              {coverage.everywhere.length > 0 && (
                <span>{t('search.covers', { fields: coverage.everywhere.join(sep) })}</span>
              )}
              {coverage.inFull.length > 0 && (
                <span>{t('search.coversInFull', { fields: coverage.inFull.join(sep) })}</span>
              )}
              {coverage.exact.length > 0 && (
                <span>{t('search.coversExact', { fields: coverage.exact.join(sep) })}</span>
              )}
            </>
          ) : (
            t('search.nothing')
          )}
        </p>
      )}
    </form>
  );
}

function buildFilters(column: ColumnInfo | undefined, value: string): FieldFilter[] {
  if (!column || value === '') return [];
  const numeric = column.kind === 'number' || column.kind === 'integer';
  const op: FilterOp = column.enum || numeric || column.format === 'date' ? 'eq' : 'contains';
  return [{ field: column.path, op, value: numeric ? Number(value) : value }];
}
