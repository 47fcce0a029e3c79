import { useState } from 'react';
import { errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { exportsApi, type TraceResult } from './exportsApi.js';
import { useExportsText } from './exportsText.js';
import './exports.css';

/** Most characters one trace sends (the server's limit). */
const MAX_TEXT = 200_000;

/** Compliance: paste a leaked fragment (or open a CSV or text file) and see which export it came from. */
export function TraceScreen() {
  const x = useExportsText();
  const { locale } = useI18n();
  const [text, setText] = useState('');
  const [results, setResults] = useState<TraceResult[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = (at: string) =>
    new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const trace = async () => {
    setBusy(true);
    setError(null);
    setResults(null);
    try {
      setResults(await exportsApi.trace(text.slice(0, MAX_TEXT)));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="exports">
      <div className="screen-head">
        <h1>{x('traceTitle')}</h1>
      </div>
      <div className="card stack">
        <p className="muted small">{x('traceHint')}</p>
        <label>
          {x('traceText')}
          <textarea
            rows={8}
            value={text}
            maxLength={MAX_TEXT}
            onChange={(e) => setText(e.target.value)}
            data-testid="trace-text"
          />
        </label>
        {/* The browser's own file button speaks the browser's language: a labelled one instead. */}
        <label className="button trace-file">
          {x('traceFile')}
          <input
            type="file"
            hidden
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then((content) => setText(content.slice(0, MAX_TEXT)));
            }}
          />
        </label>
        <div className="export-actions">
          <button
            type="button"
            className="primary"
            disabled={busy || text.trim() === ''}
            onClick={() => void trace()}
            data-testid="trace-run"
          >
            {x('traceRun')}
          </button>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      {results && (
        <div className="card" data-testid="trace-results">
          {results.length === 0 ? (
            <p>{x('traceNone')}</p>
          ) : (
            <ul className="cards">
              {results.map((r) => (
                <li key={r.exportId} className="export-item" data-export={r.exportId}>
                  <strong>{x('traceMatch', { id: r.exportId })}</strong>
                  <span>{x('requestedBy', { name: r.requesterName })}</span>
                  <span>
                    {r.approverName ? x('approvedBy', { name: r.approverName }) : x('traceNoApproval')}
                  </span>
                  <span className="muted small">
                    {x('requestedAt', { at: when(r.requestedAt) })} · {x('traceCells', { n: r.matchedCells })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
