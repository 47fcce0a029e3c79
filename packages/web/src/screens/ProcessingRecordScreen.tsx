import type { AudienceEntry, ProcessingField } from '@veil/schema';
import { api } from '../api/api.js';
import { type Translate, useI18n } from '../app/i18n.js';
import { labelOf, listSeparator } from '../app/labels.js';
import { href } from '../app/router.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';

function who(entries: AudienceEntry[], roleTitle: (id: string) => string, t: Translate, sep: string): string {
  return entries
    .map((e) =>
      e.everywhere
        ? roleTitle(e.role)
        : `${roleTitle(e.role)} (${e.relations.map((r) => labelOf(t, 'relation', r)).join('/')})`,
    )
    .join(sep);
}

function retentionText(field: ProcessingField, t: Translate): string {
  const r = field.retention;
  if (!r) return '—';
  const anchor =
    r.afterTitle ??
    (r.after === 'createdAt' || r.after === 'updatedAt' ? t(`processing.anchor.${r.after}`) : r.after);
  return `${r.days} ${t('processing.days')} · ${anchor} · ${labelOf(t, 'retention', r.action)}`;
}

/** The generated record of processing (GDPR Art. 30 / PIPL Art. 55–56) for one template; printable. */
export function ProcessingRecordScreen({ templateId }: { templateId: string }) {
  const { t, locale } = useI18n();
  const record = useLoad(() => api.processingRecord(templateId, locale), [templateId, locale]);
  const sep = listSeparator(locale);
  return (
    <section className="processing printable">
      <div className="screen-head no-print">
        <a className="link" href={href(['templates'])}>
          ← {t('common.back')}
        </a>
        <span style={{ flex: 1 }} />
        <button type="button" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
      <Loaded load={record}>
        {(data) => {
          const roleTitle = (id: string) => data.roles.find((r) => r.id === id)?.title ?? id;
          const fieldTitle = (path: string) => data.fields.find((f) => f.path === path)?.title ?? path;
          return (
            <article className="card">
              <h1>
                {t('processing.title')} — {data.template.title}
              </h1>
              <p className="muted small">
                {t('processing.generated', { id: data.template.id, v: data.template.version })} ·{' '}
                {t('processing.policyVersion', { v: data.policyVersion })}
              </p>
              {data.template.description && <p>{data.template.description}</p>}
              <h2>{t('policy.purposes')}</h2>
              <ul>
                {data.purposes.map((p) => (
                  <li key={p.id}>
                    {p.title}{' '}
                    <span className="muted small">
                      ({p.basis.map((b) => labelOf(t, 'basis', b)).join(sep)})
                    </span>
                  </li>
                ))}
              </ul>
              <div className="table-scroll">
                <table className="grid">
                  <thead>
                    <tr>
                      <th>{t('processing.field')}</th>
                      <th>{t('processing.level')}</th>
                      <th>{t('processing.categories')}</th>
                      <th>{t('processing.purpose')}</th>
                      <th>{t('processing.basis')}</th>
                      <th>{t('processing.retention')}</th>
                      <th>{t('processing.access')}</th>
                      <th>{t('policy.export')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.fields.map((f) => (
                      <tr key={f.path}>
                        <td data-label={t('processing.field')}>
                          {f.title}
                          <div className="muted small">
                            <code>{f.path}</code>
                            {f.encrypted ? ' 🔒' : ''}
                          </div>
                        </td>
                        <td data-label={t('processing.level')}>
                          <span className={`level level-${f.level}`}>{labelOf(t, 'level', f.level)}</span>
                        </td>
                        <td data-label={t('processing.categories')}>
                          {f.categories.map((c) => labelOf(t, 'category', c)).join(sep) || '—'}
                        </td>
                        <td data-label={t('processing.purpose')}>{f.purpose?.title ?? '—'}</td>
                        <td data-label={t('processing.basis')}>
                          {f.basis ? labelOf(t, 'basis', f.basis) : '—'}
                        </td>
                        <td data-label={t('processing.retention')}>{retentionText(f, t)}</td>
                        <td className="small" data-label={t('processing.access')}>
                          {f.audience.full.length > 0 && (
                            <div>✔ {who(f.audience.full, roleTitle, t, sep)}</div>
                          )}
                          {f.audience.reveal.length > 0 && (
                            <div>👁 {who(f.audience.reveal, roleTitle, t, sep)}</div>
                          )}
                          {f.audience.masked.length > 0 && (
                            <div>▒ {who(f.audience.masked, roleTitle, t, sep)}</div>
                          )}
                        </td>
                        <td data-label={t('policy.export')}>{labelOf(t, 'export', f.export)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {data.acknowledgements.length > 0 && (
                <ul className="small">
                  {data.acknowledgements.map((a) => (
                    <li key={`${a.code}${a.path}`}>
                      <code>{a.code}</code> {fieldTitle(a.path)}: {a.message}
                      <div className="muted">
                        {t('processing.ackReason')}: {a.reason}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </article>
          );
        }}
      </Loaded>
    </section>
  );
}
