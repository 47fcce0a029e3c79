import { type FormEvent, useState } from 'react';
import { errorMessage, trpc } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import type { MessageKey } from '../app/messages.js';
import { useSession } from '../app/session.js';

type Report = Awaited<ReturnType<typeof trpc.subjects.report.mutate>>;
type Hits = Awaited<ReturnType<typeof trpc.subjects.search.mutate>>['hits'];
type Preview = Awaited<ReturnType<typeof trpc.retention.preview.query>>;
type IdentityCheck = 'id-document' | 'known-contact' | 'signed-request' | 'other';
const CHECKS: IdentityCheck[] = ['id-document', 'known-contact', 'signed-request', 'other'];

/** Subject requests (find, access report, erasure) and retention (preview, run), for compliance. */
export function ComplianceScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <section className="compliance">
      <div className="screen-head">
        <h1>{t('compliance.title')}</h1>
      </div>
      {can('subjects.manage') && <SubjectPanel />}
      {can('retention.run') && <RetentionPanel />}
    </section>
  );
}

function SubjectPanel() {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [check, setCheck] = useState<IdentityCheck>('id-document');
  const [confirmed, setConfirmed] = useState(false);
  const [hits, setHits] = useState<Hits | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setReport(null);
      setHits((await trpc.subjects.search.mutate({ value })).hits);
    });
  };
  const erase = () =>
    run(async () => {
      const { records, items, exports } = await trpc.subjects.erase.mutate({ value, identityCheck: check });
      setHits(null);
      setReport(null);
      setConfirmed(false);
      setNotice(t('compliance.erased', { records, items, exports }));
    });
  return (
    <div className="card stack" data-testid="subject-panel">
      <form className="stack" onSubmit={search}>
        <label>
          {t('compliance.value')}
          <input value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
        </label>
        <div className="row">
          <button type="submit" disabled={value.trim() === ''}>
            {t('compliance.search')}
          </button>
          <button
            type="button"
            disabled={value.trim() === ''}
            onClick={() => run(async () => setReport(await trpc.subjects.report.mutate({ value })))}
          >
            {t('compliance.report')}
          </button>
        </div>
      </form>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice small" role="status">
          {notice}
        </p>
      )}
      {hits && <p data-testid="subject-hits">{t('compliance.hits', { n: hits.length })}</p>}
      {report && <ReportView report={report} />}
      {hits && hits.length > 0 && (
        <div className="stack">
          <label>
            {t('compliance.identity')}
            <select value={check} onChange={(e) => setCheck(e.target.value as IdentityCheck)}>
              {CHECKS.map((c) => (
                <option key={c} value={c}>
                  {t(`compliance.id.${c}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{' '}
            {t('compliance.confirmErase')}
          </label>
          <button type="button" className="danger" disabled={!confirmed} onClick={() => void erase()}>
            {t('compliance.erase')}
          </button>
        </div>
      )}
    </div>
  );
}

function ReportView({ report }: { report: Report }) {
  const { t, locale } = useI18n();
  return (
    <div className="stack" data-testid="subject-report">
      {report.records.map((record) => (
        <div key={`${record.templateId}/${record.recordId}`}>
          <h3>
            {record.templateTitle} · {t('compliance.reads', { n: record.reads.length })}
          </h3>
          {record.reads.length > 0 && (
            <ul className="small" data-testid="subject-reads">
              {record.reads.map((read) => (
                <li key={`${read.actor}${read.at}`}>
                  {t('compliance.readBy', {
                    who: read.actorName,
                    n: read.fields.length,
                    at: new Date(read.at).toLocaleString(locale),
                  })}
                </li>
              ))}
            </ul>
          )}
          <table>
            <thead>
              <tr>
                <th>{t('compliance.field')}</th>
                <th>{t('compliance.purpose')}</th>
                <th>{t('compliance.retention')}</th>
              </tr>
            </thead>
            <tbody>
              {record.fields.map((f) => (
                <tr key={f.path}>
                  <td>{f.title}</td>
                  <td>{f.purposeTitle ?? '—'}</td>
                  <td>
                    {f.retention
                      ? t('compliance.days', {
                          days: f.retention.days,
                          action: t(`retention.${f.retention.action}` as MessageKey),
                        })
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

function RetentionPanel() {
  const { t } = useI18n();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="card stack" data-testid="retention-panel">
      <h2>{t('compliance.retentionTitle')}</h2>
      <div className="row">
        <button
          type="button"
          onClick={() => act(async () => setPreview(await trpc.retention.preview.query()))}
        >
          {t('compliance.preview')}
        </button>
        <button
          type="button"
          disabled={preview === null}
          onClick={() =>
            act(async () => {
              const { deleted, changed, skipped } = await trpc.retention.run.mutate();
              setResult(t('compliance.ran', { deleted, changed, skipped }));
              setPreview(null);
            })
          }
        >
          {t('compliance.run')}
        </button>
      </div>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p className="notice small" role="status">
          {result}
        </p>
      )}
      {preview && (
        <>
          <p data-testid="retention-due">
            {t('compliance.due', { records: preview.records, held: preview.held })}
          </p>
          {preview.rules.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{t('compliance.rule')}</th>
                  <th>{t('compliance.action')}</th>
                  <th>{t('compliance.records')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rules.map((r) => (
                  <tr key={`${r.templateId}${r.rule}${r.action}`}>
                    <td>{r.title}</td>
                    <td>{t(`retention.${r.action}` as MessageKey)}</td>
                    <td>{r.records}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
