import { api } from '../api/api.js';
import { useI18n } from '../app/i18n.js';
import { href } from '../app/router.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';

type Row = Record<string, unknown>;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Row)
      .map(([k, v]) => `${k}: ${cellText(v)}`)
      .join('; ');
  }
  return String(value);
}

/** Finds the table of personal fields in whatever shape the generator returns. */
function rowsOf(record: unknown): Row[] {
  if (Array.isArray(record)) return record as Row[];
  if (record && typeof record === 'object') {
    for (const key of ['fields', 'entries', 'rows', 'personalFields']) {
      const value = (record as Row)[key];
      if (Array.isArray(value)) return value as Row[];
    }
  }
  return [];
}

/** The generated record of processing (GDPR Art. 30 / PIPL Art. 55–56) for one template; printable. */
export function ProcessingRecordScreen({ templateId }: { templateId: string }) {
  const { t, locale } = useI18n();
  const record = useLoad(() => api.processingRecord(templateId, locale), [templateId, locale]);
  return (
    <section className="processing printable">
      <div className="screen-head no-print">
        <a className="link" href={href(['templates'])}>
          ← {t('common.back')}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
      <Loaded load={record}>
        {(data) => {
          const rows = rowsOf(data);
          const meta = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Row;
          const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
          const scalars = Object.entries(meta).filter(
            ([, v]) => !Array.isArray(v) && (typeof v !== 'object' || v === null),
          );
          return (
            <article>
              <h1>
                {t('processing.title')} — {cellText(meta.title ?? meta.templateTitle ?? templateId)}
              </h1>
              <dl className="meta">
                {scalars
                  .filter(([k]) => k !== 'title')
                  .map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{cellText(v)}</dd>
                    </div>
                  ))}
              </dl>
              <table className="grid">
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c}>{c}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id and never reorder
                    <tr key={i}>
                      {columns.map((c) => (
                        <td key={c}>{cellText(r[c])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          );
        }}
      </Loaded>
    </section>
  );
}
