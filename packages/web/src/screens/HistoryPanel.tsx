import { api, type HistoryVersion } from '../api/api.js';
import { useI18n } from '../app/i18n.js';
import { listSeparator } from '../app/labels.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';
import { changedLeaves } from '../form/changedLeaves.js';
import { schemaPathOf } from '../form/pointers.js';

/** Schema paths (items as `*`) that differ between two projected versions. */
function changedPaths(before: HistoryVersion | undefined, after: HistoryVersion): string[] {
  if (!before) return [];
  const { changes, removeItems } = changedLeaves(before.data, after.data);
  const paths = [...changes.map((c) => c.pointer), ...removeItems].map((p) =>
    schemaPathOf(after.data, p).replace(/\/new:\d+/g, '/*'),
  );
  return [...new Set(paths)];
}

/** The record's versions, newest first, each projected by the server like the record itself. */
export function HistoryPanel({
  templateId,
  recordId,
  version,
  titles,
}: {
  templateId: string;
  recordId: string;
  version: number;
  /** Field titles by schema path, from the viewer's form: changes are named as the form names them. */
  titles?: ReadonlyMap<string, string>;
}) {
  const { t, locale } = useI18n();
  const history = useLoad(() => api.history(templateId, recordId), [templateId, recordId, version]);
  return (
    <aside className="card history" data-testid="history">
      <h2>{t('record.history')}</h2>
      <Loaded load={history}>
        {(versions) => {
          const sorted = [...versions].sort((a, b) => a.version - b.version);
          if (sorted.length === 0) return <p className="muted">{t('record.noHistory')}</p>;
          return (
            <ol className="timeline">
              {sorted
                .map((v, i) => ({ v, changed: changedPaths(sorted[i - 1], v) }))
                .reverse()
                .map(({ v, changed }) => (
                  <li key={v.version}>
                    <strong>{t('record.version', { n: v.version })}</strong>
                    <span className="muted small"> {new Date(v.updatedAt).toLocaleString(locale)}</span>
                    {changed.length > 0 && (
                      <div className="small">
                        {t('record.changed', {
                          fields: changed.map((p) => titles?.get(p) ?? p).join(listSeparator(locale)),
                        })}
                      </div>
                    )}
                  </li>
                ))}
            </ol>
          );
        }}
      </Loaded>
    </aside>
  );
}
