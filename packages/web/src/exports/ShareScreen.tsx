import { useEffect, useState } from 'react';
import { api } from '../api/api.js';
import { errorMessage } from '../api/trpc.js';
import type { ColumnInfo } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { href } from '../app/router.js';
import { useLoad } from '../app/useLoad.js';
import { ErrorBox, Loaded } from '../components/Status.js';
import { loadColumns } from '../table/loadColumns.js';
import { type ExportOptions, exportsApi, type RecipientView, type ShareAsk } from './exportsApi.js';
import { useExportsText } from './exportsText.js';
import './exports.css';

/** The share dialog of one record: pick fields, see exactly what the partner will see, create a link once. */
export function ShareScreen({ templateId, recordId }: { templateId: string; recordId: string }) {
  const x = useExportsText();
  const setup = useLoad(async () => {
    const [options, record] = await Promise.all([exportsApi.options(), api.record(templateId, recordId)]);
    const columns = await loadColumns(templateId, [record]);
    return { options, columns: columns.filter((c) => !c.path.includes('*')) };
  }, [templateId, recordId]);
  return (
    <section className="exports">
      <div className="screen-head">
        <a className="link" href={href(['records', templateId, recordId])}>
          ←
        </a>
        <h1>{x('shareTitle')}</h1>
      </div>
      <Loaded load={setup}>
        {({ options, columns }) => (
          <ShareForm options={options} columns={columns} templateId={templateId} recordId={recordId} />
        )}
      </Loaded>
    </section>
  );
}

function ShareForm({
  options,
  columns,
  templateId,
  recordId,
}: {
  options: ExportOptions;
  columns: ColumnInfo[];
  templateId: string;
  recordId: string;
}) {
  const x = useExportsText();
  const { t } = useI18n();
  const [fields, setFields] = useState<string[]>([]);
  const [label, setLabel] = useState('');
  const [purpose, setPurpose] = useState(options.purposes[0]?.id ?? '');
  const [hours, setHours] = useState(options.shareDefaultHours);
  const [oneTime, setOneTime] = useState(false);
  const [maskPii, setMaskPii] = useState(true);
  const [view, setView] = useState<{ view: RecipientView } | { error: unknown } | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ask: ShareAsk = {
    templateId,
    recordIds: [recordId],
    fields,
    recipientLabel: label.trim() || '—',
    purpose,
    maskPii,
  };
  const key = JSON.stringify(ask);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ask
  useEffect(() => {
    let live = true;
    setView(null);
    if (fields.length === 0) return;
    exportsApi.sharePreview(ask).then(
      (v) => live && setView({ view: v }),
      (e: unknown) => live && setView({ error: e }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const toggle = (path: string) =>
    setFields((now) => (now.includes(path) ? now.filter((p) => p !== path) : [...now, path]));
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
    }
  };
  const check = (): boolean => {
    if (fields.length === 0) setError(x('pickField'));
    else if (!label.trim()) setError(x('needRecipient'));
    else return true;
    return false;
  };
  const create = async () => {
    setError(null);
    if (!check()) return;
    try {
      const made = await exportsApi.createShare({ ...ask, expiresInHours: hours, oneTime });
      setLink(`${window.location.origin}${made.path}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const copyText = async () => {
    setError(null);
    if (!check()) return;
    try {
      await copy((await exportsApi.copyText(ask)).text, 'text');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="two-col">
      <div className="card stack">
        <fieldset className="share-fields" data-testid="share-fields">
          <legend>{x('shareFields')}</legend>
          {columns.map((c) => (
            <label key={c.path}>
              <input type="checkbox" checked={fields.includes(c.path)} onChange={() => toggle(c.path)} />
              {c.title}
            </label>
          ))}
        </fieldset>
        <label>
          {x('recipient')}
          <input
            value={label}
            maxLength={80}
            onChange={(e) => setLabel(e.target.value)}
            data-testid="share-recipient"
          />
        </label>
        <label>
          {x('purpose')}
          <select value={purpose} onChange={(e) => setPurpose(e.target.value)}>
            {options.purposes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {x('expiresIn', { max: options.shareMaxHours })}
          <input
            type="number"
            min={1}
            max={options.shareMaxHours}
            value={hours}
            onChange={(e) =>
              setHours(Math.max(1, Math.min(options.shareMaxHours, Number(e.target.value) || 1)))
            }
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={oneTime} onChange={(e) => setOneTime(e.target.checked)} />
          {x('oneTime')}
        </label>
        <label className="check">
          <input type="checkbox" checked={maskPii} onChange={(e) => setMaskPii(e.target.checked)} />
          {x('maskPii')}
        </label>
      </div>
      <div className="card share-view" data-testid="share-preview">
        <h2>{x('recipientSees')}</h2>
        {view === null ? (
          <p className="muted">{fields.length === 0 ? x('pickField') : '…'}</p>
        ) : 'error' in view ? (
          <ErrorBox error={view.error} />
        ) : (
          <>
            {view.view.records.map((record, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: records of a share have no id on this side
              <dl key={i}>
                {record.fields.map((f) => (
                  <div key={f.field} style={{ display: 'contents' }}>
                    <dt>{f.title}</dt>
                    <dd data-treatment={f.treatment}>{f.text || x('empty')}</dd>
                  </div>
                ))}
              </dl>
            ))}
            {view.view.pii.map((p) => (
              <p key={`${p.record}${p.field}`} className="pii-warning">
                {x('piiFound', {
                  field: p.title,
                  kinds: p.kinds.map((k) => t(`pii.kind.${k}` as 'pii.kind.name')).join('、'),
                })}
              </p>
            ))}
          </>
        )}
        {link ? (
          <div className="stack" data-testid="share-link">
            <p className="notice">{x('linkOnce')}</p>
            <p className="share-link">{link}</p>
            <button type="button" onClick={() => void copy(link, 'link')}>
              {copied === 'link' ? x('copied') : x('copy')}
            </button>
          </div>
        ) : (
          <div className="export-actions">
            <button
              type="button"
              className="primary"
              data-testid="share-create"
              onClick={() => void create()}
            >
              {x('createLink')}
            </button>
            <button type="button" onClick={() => void copyText()}>
              {copied === 'text' ? x('copied') : x('copyText')}
            </button>
          </div>
        )}
        <p className="muted small">{x('copyTextHint')}</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
