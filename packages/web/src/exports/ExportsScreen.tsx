import { countExportColumns } from '@veil/policy';
import { createContext, useContext, useState } from 'react';
import { api } from '../api/api.js';
import { errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { href } from '../app/router.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';
import {
  type ExportSummary,
  exportFileUrl,
  exportsApi,
  type InboxExport,
  type ShareSummary,
} from './exportsApi.js';
import { type ExportsText, useExportsText } from './exportsText.js';
import './exports.css';

/** Titles of templates and purposes (ids are codes, never shown). */
interface Names {
  template: (id: string) => string;
  purpose: (id: string) => string;
  approvalRows: number;
}
const NamesContext = createContext<Names>({ template: (id) => id, purpose: (id) => id, approvalRows: 0 });

/** "My exports" with download, the approvals inbox (when something waits), and "my share links". */
export function ExportsScreen() {
  const names = useLoad(async (): Promise<Names> => {
    const [options, templates] = await Promise.all([exportsApi.options(), api.templates()]);
    return {
      template: (id) => templates.find((t) => t.id === id)?.title ?? id,
      purpose: (id) => options.purposes.find((p) => p.id === id)?.title ?? id,
      approvalRows: options.approvalRows,
    };
  }, []);
  return (
    <Loaded load={names}>
      {(value) => (
        <NamesContext.Provider value={value}>
          <ExportLists />
        </NamesContext.Provider>
      )}
    </Loaded>
  );
}

function ExportLists() {
  const x = useExportsText();
  const mine = useLoad(() => exportsApi.mine(), []);
  const inbox = useLoad(() => exportsApi.inbox(), []);
  const shares = useLoad(() => exportsApi.shares(), []);
  return (
    <section className="exports">
      <div className="screen-head">
        <h1>{x('title')}</h1>
        <a className="button primary" href={href(['exports', 'new'])} data-testid="export-new">
          {x('newExport')}
        </a>
      </div>
      <Loaded load={inbox}>
        {(items) =>
          items.length > 0 && (
            <div className="card" data-testid="export-inbox">
              <h2>{x('inbox')}</h2>
              <ul className="cards">
                {items.map((item) => (
                  <InboxItem key={item.id} item={item} onDone={() => inbox.reload()} />
                ))}
              </ul>
            </div>
          )
        }
      </Loaded>
      <div className="card">
        <h2>{x('mine')}</h2>
        <Loaded load={mine}>
          {(items) =>
            items.length === 0 ? (
              <p className="muted">{x('empty')}</p>
            ) : (
              <ul className="cards" data-testid="my-exports">
                {items.map((item) => (
                  <MyExport key={item.id} item={item} onDownloaded={() => setTimeout(mine.reload, 1500)} />
                ))}
              </ul>
            )
          }
        </Loaded>
      </div>
      <div className="card">
        <h2>{x('shares')}</h2>
        <Loaded load={shares}>
          {(items) =>
            items.length === 0 ? (
              <p className="muted">{x('empty')}</p>
            ) : (
              <ul className="cards" data-testid="my-shares">
                {items.map((item) => (
                  <ShareItem key={item.id} item={item} onDone={() => shares.reload()} />
                ))}
              </ul>
            )
          }
        </Loaded>
      </div>
    </section>
  );
}

function useWhen(): (at: string) => string {
  const { locale } = useI18n();
  return (at) => new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

function ExportFacts({ item, x }: { item: ExportSummary; x: ExportsText }) {
  const when = useWhen();
  const names = useContext(NamesContext);
  return (
    <div className="muted small">
      {names.purpose(item.purpose)} · {x('rows', { n: item.rowCount })} · {item.format.toUpperCase()} ·{' '}
      {x('requestedAt', { at: when(item.requestedAt) })}
      {item.approvalReasons.length > 0 &&
        ` · ${item.approvalReasons.map((r) => reasonText(x, r, names.approvalRows)).join(' · ')}`}
    </div>
  );
}

export function reasonText(x: ExportsText, reason: string, approvalRows?: number): string {
  if (reason === 'row-count') return x('reason.row-count', { n: approvalRows ?? '…' });
  if (reason === 'approval-field' || reason === 'restricted-column') return x(`reason.${reason}`);
  return reason;
}

function MyExport({ item, onDownloaded }: { item: ExportSummary; onDownloaded: () => void }) {
  const x = useExportsText();
  const when = useWhen();
  const names = useContext(NamesContext);
  const downloadable = item.status === 'approved' || item.status === 'ready';
  return (
    <li className="export-item" data-export={item.id} data-status={item.status}>
      <div className="export-head">
        <strong>{names.template(item.templateId)}</strong>
        <span className={`chip status-${item.status}`}>{x(`status.${item.status}`)}</span>
      </div>
      <ExportFacts item={item} x={x} />
      {item.rowsWritten !== null && (item.rowsDropped ?? 0) > 0 && (
        <div className="muted small">
          {x('rowsWritten', { written: item.rowsWritten, dropped: item.rowsDropped ?? 0 })}
        </div>
      )}
      {downloadable && (
        <div className="export-actions">
          <a
            className="button primary"
            href={exportFileUrl(item.id)}
            download
            data-testid="export-download"
            onClick={onDownloaded}
          >
            {x('download')}
          </a>
          {item.expiresAt && (
            <span className="muted small">{x('downloadOnce', { at: when(item.expiresAt) })}</span>
          )}
        </div>
      )}
    </li>
  );
}

function InboxItem({ item, onDone }: { item: InboxExport; onDone: () => void }) {
  const x = useExportsText();
  const { t } = useI18n();
  const names = useContext(NamesContext);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [refusing, setRefusing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="export-item" data-export={item.id}>
      <div className="export-head">
        <strong>{x('requestedBy', { name: item.requesterName })}</strong>
        <span className="chip">{names.template(item.templateId)}</span>
      </div>
      <ExportFacts item={item} x={x} />
      <div className="muted small">
        {x('previewCounts', {
          rows: item.rowCount,
          ...countExportColumns(item.columns as Parameters<typeof countExportColumns>[0]),
        })}
      </div>
      {refusing ? (
        <div className="stack">
          <label>
            {x('reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="deny-reason" />
          </label>
          <div className="export-actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() =>
                reason.trim().length < 3
                  ? setError(x('reasonShort'))
                  : void act(() => exportsApi.deny(item.id, reason))
              }
            >
              {x('deny')}
            </button>
            <button type="button" className="link" onClick={() => setRefusing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="stack">
          <label>
            {x('comment')}
            <input
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="approve-comment"
            />
          </label>
          <div className="export-actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              data-testid="export-approve"
              onClick={() => void act(() => exportsApi.approve(item.id, comment))}
            >
              {x('approve')}
            </button>
            <button type="button" className="link danger-link" onClick={() => setRefusing(true)}>
              {x('deny')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function ShareItem({ item, onDone }: { item: ShareSummary; onDone: () => void }) {
  const x = useExportsText();
  const when = useWhen();
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="export-item" data-share={item.id} data-state={item.state}>
      <div className="export-head">
        <strong>{x('sharedWith', { label: item.recipientLabel })}</strong>
        <span className={`chip state-${item.state}`}>{x(`state.${item.state}`)}</span>
      </div>
      <div className="muted small">
        {x('opens', { n: item.opens })} · {x('expiresAt', { at: when(item.expiresAt) })}
        {item.oneTime && ` · ${x('oneTime')}`}
      </div>
      {item.state === 'live' && (
        <div className="export-actions">
          <button
            type="button"
            className="link danger-link"
            onClick={() => exportsApi.revoke(item.id).then(onDone, (e: unknown) => setError(errorMessage(e)))}
          >
            {x('revoke')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
