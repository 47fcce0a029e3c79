import { api } from '../api/api.js';
import type { ColumnInfo, ProjectedRecord } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';
import { loadColumns } from '../table/loadColumns.js';
import { RecordTable } from '../table/RecordTable.js';

interface DueGroup {
  templateId: string;
  title: string;
  columns: ColumnInfo[];
  rows: ProjectedRecord[];
}

async function loadDue(): Promise<DueGroup[]> {
  const templates = (await api.templates()).filter((t) => t.due);
  return Promise.all(
    templates.map(async (t) => {
      const rows = await api.dueToday(t.id);
      const all = await loadColumns(t.id, rows);
      const wanted = [...(t.views[0]?.columns ?? []), ...(t.due ? [t.due] : [])];
      const columns = [...new Set(wanted)]
        .map((p) => all.find((c) => c.path === p))
        .filter((c): c is ColumnInfo => c !== undefined);
      return { templateId: t.id, title: t.title, columns, rows };
    }),
  );
}

/** Follow-ups whose next-contact date has come, per template, in the same table as the list. */
export function DueTodayScreen() {
  const { t } = useI18n();
  const due = useLoad(loadDue, []);
  return (
    <section className="customers">
      <div className="screen-head">
        <h1>{t('due.title')}</h1>
      </div>
      <Loaded load={due}>
        {(groups) =>
          groups.every((g) => g.rows.length === 0) ? (
            <p className="muted">{t('due.empty')}</p>
          ) : (
            groups
              .filter((g) => g.rows.length > 0)
              .map((g) => (
                <div key={g.templateId} className="due-group">
                  {groups.length > 1 && <h2>{g.title}</h2>}
                  <p className="muted small">{t('common.rows', { n: g.rows.length })}</p>
                  <RecordTable templateId={g.templateId} columns={g.columns} rows={g.rows} />
                </div>
              ))
          )
        }
      </Loaded>
    </section>
  );
}
