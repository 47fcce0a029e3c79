import { useEffect, useState } from 'react';
import { api } from '../api/api.js';
import { CSRF_HEADER, errorMessage, trpc } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';

type Preview = Awaited<ReturnType<typeof trpc.imports.preview.query>>;
type DryRun = Awaited<ReturnType<typeof trpc.imports.dryRun.mutate>>;
type Job = Awaited<ReturnType<typeof trpc.imports.status.query>>;
type Encoding = NonNullable<Preview['encoding']>;
type Owner = { kind: 'importer' } | { kind: 'pool' } | { kind: 'column'; column: string };

/** Sends the file as the request body (its own 50 MB limit, not the API's 1 MB). */
async function uploadFile(file: File): Promise<string> {
  const response = await fetch('/imports/upload', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { [CSRF_HEADER]: '1', 'x-veil-filename': encodeURIComponent(file.name) },
    body: file,
  });
  const body = (await response.json()) as { uploadId?: string; error?: { message: string } };
  if (!body.uploadId) throw new Error(body.error?.message ?? response.statusText);
  return body.uploadId;
}

/** Upload, map columns (suggested by the server), check every row, then import as one job with progress. */
export function ImportScreen() {
  const { t } = useI18n();
  const templates = useLoad(() => api.templates(), []);
  return (
    <section>
      <div className="screen-head">
        <h1>{t('import.title')}</h1>
      </div>
      <Loaded load={templates}>
        {(list) => <ImportFlow templateIds={list.map((x) => [x.id, x.title])} />}
      </Loaded>
    </section>
  );
}

function ImportFlow({ templateIds }: { templateIds: [string, string][] }) {
  const { t } = useI18n();
  const [templateId, setTemplateId] = useState(templateIds[0]?.[0] ?? '');
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [encoding, setEncoding] = useState<Encoding | undefined>(undefined);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [owner, setOwner] = useState<Owner>({ kind: 'importer' });
  const [check, setCheck] = useState<DryRun | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!uploadId) return;
    setError(null);
    trpc.imports.preview
      .query({ uploadId, templateId, ...(encoding ? { encoding } : {}) })
      .then((p) => {
        setPreview(p);
        setMapping(Object.fromEntries(p.columns.map((c) => [c.letter, c.field])));
        const ownerColumn = p.columns.find((c) => c.owner);
        if (ownerColumn) setOwner({ kind: 'column', column: ownerColumn.letter });
        setCheck(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [uploadId, templateId, encoding]);

  useEffect(() => {
    if (!job || (job.status !== 'running' && job.status !== 'committing')) return;
    const timer = setTimeout(() => {
      trpc.imports.status
        .query({ jobId: job.id })
        .then(setJob)
        .catch((e: unknown) => setError(errorMessage(e)));
    }, 500);
    return () => clearTimeout(timer);
  }, [job]);

  const settings = () => ({
    uploadId: uploadId ?? '',
    templateId,
    ...(encoding ? { encoding } : {}),
    mapping: Object.entries(mapping).map(([column, field]) => ({ column, field })),
    owner,
  });
  const run = (fn: () => Promise<void>) => () => {
    setError(null);
    fn().catch((e: unknown) => setError(errorMessage(e)));
  };

  return (
    <div className="stack">
      <label>
        {t('import.template')}{' '}
        <select value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          {templateIds.map(([id, title]) => (
            <option key={id} value={id}>
              {title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('import.file')}{' '}
        <input
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) run(async () => setUploadId(await uploadFile(file)))();
          }}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {preview && (
        <>
          {preview.mojibake && <p className="warning">{t('import.mojibake')}</p>}
          {preview.otherEncodings.map((e) => (
            <button key={e} type="button" onClick={() => setEncoding(e)}>
              {t('import.encoding', { e })}
            </button>
          ))}
          <table className="table">
            <thead>
              <tr>
                <th>{t('import.column')}</th>
                <th>{t('import.field')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((c) => (
                <tr key={c.letter}>
                  <td>
                    {c.letter} · {c.title}
                  </td>
                  <td>
                    <select
                      aria-label={`${c.letter} ${c.title}`}
                      value={mapping[c.letter] ?? ''}
                      onChange={(e) => setMapping({ ...mapping, [c.letter]: e.target.value || null })}
                    >
                      <option value="">{t('import.drop')}</option>
                      {preview.fields.map((f) => (
                        <option key={f.path} value={f.path}>
                          {f.title}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted small">
                    {c.unneeded && mapping[c.letter] == null ? t('import.unneeded') : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label>
            {t('import.owner')}{' '}
            <select
              value={owner.kind === 'column' ? owner.column : owner.kind}
              onChange={(e) => {
                const v = e.target.value;
                setOwner(v === 'importer' || v === 'pool' ? { kind: v } : { kind: 'column', column: v });
              }}
            >
              <option value="importer">{t('import.ownerMe')}</option>
              <option value="pool">{t('import.ownerPool')}</option>
              {preview.columns.map((c) => (
                <option key={c.letter} value={c.letter}>
                  {t('import.ownerColumn', { c: `${c.letter} · ${c.title}` })}
                </option>
              ))}
            </select>
          </label>
          <p>
            <button
              type="button"
              onClick={run(async () => setCheck(await trpc.imports.dryRun.mutate(settings())))}
            >
              {t('import.check')}
            </button>
          </p>
        </>
      )}
      {check && (
        <>
          <p>
            {t('import.checked', {
              n: check.rows,
              v: check.valid,
              e: check.issueCount,
              d: check.duplicateCount,
            })}
          </p>
          {check.notice && <p className="warning">{check.notice}</p>}
          <ul className="small">
            {[...check.issues, ...check.duplicates].map((i) => (
              <li key={`${i.line}-${i.message}`}>
                {t('import.line', { l: i.line })}: {i.message}
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={job?.status === 'running'}
            onClick={run(async () => setJob(await trpc.imports.start.mutate(settings())))}
          >
            {t('import.start')}
          </button>
        </>
      )}
      {job && (
        <div>
          <progress max={Math.max(job.total, 1)} value={job.processed} />{' '}
          {t('import.progress', { p: job.processed, n: job.total })}
          {job.status === 'running' && (
            <button
              type="button"
              onClick={run(async () => setJob(await trpc.imports.cancel.mutate({ jobId: job.id })))}
            >
              {t('import.cancel')}
            </button>
          )}
          {job.status !== 'running' && job.status !== 'committing' && (
            <p role="status">
              {t(`import.status.${job.status}`, { c: job.created })} {job.reason ?? ''}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
