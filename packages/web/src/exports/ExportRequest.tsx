import { useEffect, useState } from 'react';
import { api } from '../api/api.js';
import { errorMessage } from '../api/trpc.js';
import type { TemplateSummary } from '../api/types.js';
import { href, navigate } from '../app/router.js';
import { useLoad } from '../app/useLoad.js';
import { ErrorBox, Loaded } from '../components/Status.js';
import { reasonText } from './ExportsScreen.js';
import {
  type ExportAsk,
  type ExportFormat,
  type ExportOptions,
  type ExportPreview,
  exportsApi,
} from './exportsApi.js';
import { useExportsText } from './exportsText.js';
import './exports.css';

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'json'];

/** The export dialog: a view, a purpose and a format; the plan (rows, what is masked, approval) before requesting. */
export function ExportRequest({
  templateId,
  viewId,
}: {
  templateId: string | undefined;
  viewId: string | undefined;
}) {
  const x = useExportsText();
  const setup = useLoad(async () => {
    const [options, templates] = await Promise.all([exportsApi.options(), api.templates()]);
    return { options, templates };
  }, []);
  return (
    <section className="exports">
      <div className="screen-head">
        <a className="link" href={href(['exports'])}>
          ← {x('back')}
        </a>
        <h1>{x('newExport')}</h1>
      </div>
      <Loaded load={setup}>
        {({ options, templates }) =>
          templates.length === 0 ? (
            <p className="muted">{x('empty')}</p>
          ) : (
            <ExportForm options={options} templates={templates} templateId={templateId} viewId={viewId} />
          )
        }
      </Loaded>
    </section>
  );
}

function ExportForm({
  options,
  templates,
  templateId,
  viewId,
}: {
  options: ExportOptions;
  templates: TemplateSummary[];
  templateId: string | undefined;
  viewId: string | undefined;
}) {
  const x = useExportsText();
  const first = templates.find((t) => t.id === templateId) ?? templates[0]!;
  const [ask, setAsk] = useState<ExportAsk>({
    templateId: first.id,
    viewId: first.views.find((v) => v.id === viewId)?.id ?? first.views[0]?.id ?? '',
    purpose: options.purposes[0]?.id ?? '',
    format: 'csv',
  });
  const template = templates.find((t) => t.id === ask.templateId) ?? first;
  const [preview, setPreview] = useState<{ plan: ExportPreview } | { error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setPreview(null);
    if (!ask.viewId || !ask.purpose) return;
    exportsApi.preview(ask).then(
      (plan) => live && setPreview({ plan }),
      (e: unknown) => live && setPreview({ error: e }),
    );
    return () => {
      live = false;
    };
  }, [ask]);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await exportsApi.request(ask);
      navigate(href(['exports'], { requested: '1' }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="two-col">
      <div className="card stack">
        <label>
          {x('template')}
          <select
            value={ask.templateId}
            onChange={(e) => {
              const next = templates.find((t) => t.id === e.target.value)!;
              setAsk({ ...ask, templateId: next.id, viewId: next.views[0]?.id ?? '' });
            }}
          >
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {x('view')}
          <select
            value={ask.viewId}
            data-testid="export-view"
            onChange={(e) => setAsk({ ...ask, viewId: e.target.value })}
          >
            {template.views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {x('purpose')}
          <select value={ask.purpose} onChange={(e) => setAsk({ ...ask, purpose: e.target.value })}>
            {options.purposes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {x('format')}
          <select
            value={ask.format}
            onChange={(e) => setAsk({ ...ask, format: e.target.value as ExportFormat })}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small" data-testid="export-threshold">
          {x('threshold', { n: options.approvalRows })}
        </p>
      </div>
      <div className="card" data-testid="export-plan">
        <h2>{x('previewTitle')}</h2>
        {preview === null ? (
          <p className="muted">…</p>
        ) : 'error' in preview ? (
          <ErrorBox error={preview.error} />
        ) : (
          <Plan plan={preview.plan} approvalRows={options.approvalRows} />
        )}
        {preview && 'plan' in preview && (
          <div className="export-actions">
            <button
              type="button"
              className="primary"
              disabled={busy || preview.plan.rowCount === 0}
              data-testid="export-submit"
              onClick={() => void submit()}
            >
              {x('submit')}
            </button>
          </div>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

function Plan({ plan, approvalRows }: { plan: ExportPreview; approvalRows: number }) {
  const x = useExportsText();
  return (
    <div className="stack">
      <p data-testid="export-counts">
        {x('previewCounts', {
          rows: plan.rowCount,
          kept: plan.kept,
          masked: plan.masked,
          dropped: plan.dropped,
        })}
      </p>
      <ul className="export-plan">
        {plan.columns.map((c) => (
          <li key={c.field} data-field={c.field} data-treatment={c.treatment}>
            <span>{c.title}</span>
            <span className={`treatment-${c.treatment}`}>{x(treatmentKey(c.treatment))}</span>
          </li>
        ))}
      </ul>
      <p className={plan.needsApproval ? 'pii-warning' : 'notice'} data-testid="export-approval">
        {plan.needsApproval
          ? x('needsApproval', {
              reasons: plan.approvalReasons.map((r) => reasonText(x, r, approvalRows)).join(' · '),
            })
          : x('noApproval')}
      </p>
      <p className="muted small">{x('watermarkNote')}</p>
    </div>
  );
}

function treatmentKey(treatment: string) {
  return (
    ['clear', 'masked', 'per-row', 'dropped'].includes(treatment)
      ? `treatment.${treatment}`
      : 'treatment.clear'
  ) as 'treatment.clear';
}
