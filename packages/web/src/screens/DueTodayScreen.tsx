import { api } from '../api/api.js';
import type { ColumnInfo, ProjectedRecord } from '../api/types.js';
import { isOverdue } from '../app/dueActions.js';
import { useI18n } from '../app/i18n.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';
import { loadColumns } from '../table/loadColumns.js';
import { RecordTable } from '../table/RecordTable.js';

interface DueGroup {
  templateId: string;
  title: string;
  columns: ColumnInfo[];
  /** Due before today. */
  overdue: ProjectedRecord[];
  /** Due today. */
  today: ProjectedRecord[];
  /** False when the viewer may not read what this due list is built on. */
  available: boolean;
}

async function loadDue(): Promise<DueGroup[]> {
  const templates = (await api.templates()).filter((t) => t.due);
  return Promise.all(
    templates.map(async (t) => {
      const due = await api.dueToday(t.id);
      const all = await loadColumns(t.id, due.rows);
      const wanted = [...(t.views[0]?.columns ?? []), ...(t.due ? [t.due] : [])];
      const columns = [...new Set(wanted)]
        .map((p) => all.find((c) => c.path === p))
        .filter((c): c is ColumnInfo => c !== undefined);
      const key = (t.due ?? '').slice(1);
      const overdue = due.rows.filter((r) => isOverdue(r.data[key], due.today));
      const today = due.rows.filter((r) => !isOverdue(r.data[key], due.today));
      return { templateId: t.id, title: t.title, columns, overdue, today, available: due.available };
    }),
  );
}

/** Follow-ups whose next-contact date has come, per template: overdue ones first, marked. */
export function DueTodayScreen() {
  const { t } = useI18n();
  const due = useLoad(loadDue, []);
  return (
    <section className="customers">
      <div className="screen-head">
        <h1>{t('due.title')}</h1>
      </div>
      <Loaded load={due}>
        {(groups) => {
          const usable = groups.filter((g) => g.available);
          if (groups.length > 0 && usable.length === 0)
            return (
              <p className="muted" data-testid="not-for-role">
                {t('common.notForRole')}
              </p>
            );
          if (usable.every((g) => g.overdue.length + g.today.length === 0))
            return <p className="muted">{t('due.empty')}</p>;
          return usable
            .filter((g) => g.overdue.length + g.today.length > 0)
            .map((g) => (
              <div key={g.templateId} className="due-group">
                {usable.length > 1 && <h2>{g.title}</h2>}
                {g.overdue.length > 0 && (
                  <div className="due-overdue" data-testid="due-overdue">
                    <h3>
                      <span className="badge badge-bad">{t('due.overdue')}</span>{' '}
                      <span className="muted small">{t('common.rows', { n: g.overdue.length })}</span>
                    </h3>
                    <RecordTable templateId={g.templateId} columns={g.columns} rows={g.overdue} />
                  </div>
                )}
                {g.today.length > 0 && (
                  <div data-testid="due-today">
                    <h3>
                      {t('due.todayOnly')}{' '}
                      <span className="muted small">{t('common.rows', { n: g.today.length })}</span>
                    </h3>
                    <RecordTable templateId={g.templateId} columns={g.columns} rows={g.today} />
                  </div>
                )}
              </div>
            ));
        }}
      </Loaded>
    </section>
  );
}
