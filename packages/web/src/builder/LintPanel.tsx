import { formatLintMessage, type LintFinding, type Template, type WorkspacePolicy } from '@veil/schema';
import { useState } from 'react';
import { useI18n } from '../app/i18n.js';
import { useBuilderText } from './builderText.js';
import { fieldPathOf } from './schemaPaths.js';
import { acknowledge, unacknowledge } from './templateOps.js';

/** Lint findings with their codes: click to select the field; warnings can be acknowledged with a reason. */
export function LintPanel(props: {
  findings: readonly LintFinding[];
  edit: (recipe: (draft: Template) => void) => void;
  onSelect: (path: string) => void;
  /** For role titles in the messages. */
  policy?: WorkspacePolicy;
}) {
  const tx = useBuilderText();
  const { locale } = useI18n();
  const [asking, setAsking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (props.findings.length === 0)
    return (
      <p className="muted" data-testid="lint-none">
        {tx('lintNone')}
      </p>
    );
  const sorted = [...props.findings].sort(
    (a, b) =>
      Number(a.severity !== 'error') - Number(b.severity !== 'error') ||
      Number(!!a.acknowledged) - Number(!!b.acknowledged),
  );
  return (
    <ul className="bld-lint" data-testid="lint-list">
      {sorted.map((f) => {
        const id = `${f.code}\u0000${f.path}`;
        const field = fieldPathOf(f.path);
        return (
          <li
            key={id}
            className={`bld-finding ${f.severity}${f.acknowledged ? ' acked' : ''}`}
            data-testid="lint-item"
            data-code={f.code}
            data-path={f.path}
          >
            <button
              type="button"
              className="bld-finding-main"
              disabled={field === null}
              onClick={() => field !== null && props.onSelect(field)}
            >
              <span className={`badge ${f.severity === 'error' ? 'badge-bad' : 'bld-badge-warn'}`}>
                {tx(f.severity === 'error' ? 'sevError' : 'sevWarning')}
              </span>{' '}
              <code>{f.code}</code> <code className="muted">{f.path || '/'}</code>
              <span className="bld-finding-msg">
                {formatLintMessage(f, locale, props.policy ? { policy: props.policy } : {})}
              </span>
            </button>
            {f.acknowledged && (
              <div className="small">
                {tx('acked', { reason: f.acknowledged.reason })}{' '}
                <button
                  type="button"
                  className="link small"
                  onClick={() => props.edit((d) => unacknowledge(d, f.code, f.path))}
                >
                  {tx('ackUndo')}
                </button>
              </div>
            )}
            {f.severity === 'warning' && !f.acknowledged && !f.path.startsWith('/lint/') && asking !== id && (
              <button
                type="button"
                className="link small"
                data-testid="lint-ack"
                onClick={() => {
                  setAsking(id);
                  setReason('');
                }}
              >
                {tx('ack')}
              </button>
            )}
            {asking === id && (
              <form
                className="bld-ack-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  const text = reason.trim();
                  if (text === '') return;
                  props.edit((d) => acknowledge(d, f.code, f.path, text));
                  setAsking(null);
                }}
              >
                <input
                  data-testid="lint-ack-reason"
                  placeholder={tx('ackReason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <button
                  type="submit"
                  className="primary"
                  data-testid="lint-ack-submit"
                  disabled={reason.trim() === ''}
                >
                  {tx('ackDo')}
                </button>
                <button type="button" className="link" onClick={() => setAsking(null)}>
                  ✕
                </button>
              </form>
            )}
          </li>
        );
      })}
    </ul>
  );
}
