import { type FormEvent, useEffect, useState } from 'react';
import { api, type VerifyResult } from '../api/api.js';
import { errorCode, errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { labelOf } from '../app/labels.js';
import { useLoad } from '../app/useLoad.js';
import { summarizeDetails } from '../audit/summarizeDetails.js';
import { Loaded } from '../components/Status.js';

const ACTIONS = [
  '',
  'record.read',
  'record.list',
  'record.create',
  'record.update',
  'record.reveal',
  'record.reassign',
  'record.delete',
  'auth.login',
  'auth.login-failed',
  'auth.locked',
  'template.publish',
  'workspace.update',
  'user.create',
  'user.set-roles',
  'user.set-department',
  'user.deactivate',
  'department.create',
  'audit.verify',
];

/** The audit trail with filters and a badge that runs the chain verification. */
export function AuditScreen({ recordId }: { recordId?: string | undefined }) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<{ action?: string; actor?: string; record?: string }>(
    recordId ? { record: recordId } : {},
  );
  const [draft, setDraft] = useState(filter);
  const entries = useLoad(() => api.audit(filter), [filter.action, filter.actor, filter.record]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean: typeof filter = {};
    if (draft.action) clean.action = draft.action;
    if (draft.actor) clean.actor = draft.actor.trim();
    if (draft.record) clean.record = draft.record.trim();
    setFilter(clean);
  };
  return (
    <section>
      <div className="screen-head">
        <h1>{t('audit.title')}</h1>
        <VerifyBadge />
      </div>
      <form className="querybar" onSubmit={submit}>
        <label className="inline">
          <span>{t('audit.filterAction')}</span>
          <select
            name="action"
            value={draft.action ?? ''}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          >
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a ? labelOf(t, 'action', a) : t('audit.any')}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>{t('audit.filterActor')}</span>
          <input
            name="actor"
            value={draft.actor ?? ''}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          />
        </label>
        <label className="inline">
          <span>{t('audit.filterRecord')}</span>
          <input
            name="record"
            value={draft.record ?? ''}
            onChange={(e) => setDraft({ ...draft, record: e.target.value })}
          />
        </label>
        <button type="submit">{t('common.apply')}</button>
      </form>
      <Loaded load={entries}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('common.none')}</p>
          ) : (
            <div className="audit-list" data-testid="audit-list">
              {list.map((entry) => (
                <div key={entry.seq} className="audit-row" data-action={entry.action}>
                  <span className="muted small">{new Date(entry.at).toLocaleString(locale)}</span>
                  <strong title={entry.action}>{labelOf(t, 'action', entry.action)}</strong>
                  <span>
                    {entry.actor} → {entry.target}
                  </span>
                  <span className="small muted" title={rawDetails(entry.details)}>
                    {summarizeDetails(entry.details, t)}
                  </span>
                </div>
              ))}
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

/** The stored details as JSON, for a tooltip (ids, paths and keyed references only: no personal value). */
function rawDetails(details: Record<string, unknown>): string {
  const text = JSON.stringify(details);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

function VerifyBadge() {
  const { t } = useI18n();
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'busy' }
    | { status: 'done'; result: VerifyResult }
    | { status: 'error'; message: string }
    | { status: 'forbidden' }
  >({ status: 'idle' });
  const run = async () => {
    setState({ status: 'busy' });
    try {
      setState({ status: 'done', result: await api.verifyAudit() });
    } catch (e) {
      // A refusal says nothing about the chain: it is no "chain broken".
      if (errorCode(e) === 'FORBIDDEN') setState({ status: 'forbidden' });
      else setState({ status: 'error', message: errorMessage(e) });
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: verify once when the page opens
  useEffect(() => {
    void run();
  }, []);
  if (state.status === 'forbidden') return null;
  const label =
    state.status === 'busy'
      ? t('audit.verifying')
      : state.status === 'done'
        ? state.result.ok
          ? t('audit.verified')
          : t('audit.broken')
        : state.status === 'error'
          ? t('audit.verifyFailed')
          : t('audit.verify');
  const tone = state.status === 'done' ? (state.result.ok ? 'ok' : 'bad') : 'idle';
  return (
    <button
      type="button"
      className={`badge badge-${tone}`}
      data-testid="chain-badge"
      data-state={tone}
      onClick={() => void run()}
      disabled={state.status === 'busy'}
      title={
        state.status === 'done'
          ? state.result.ok
            ? t('audit.entries', { n: state.result.count })
            : state.result.message
          : state.status === 'error'
            ? state.message
            : undefined
      }
    >
      {tone === 'ok' ? '✔ ' : tone === 'bad' ? '✖ ' : ''}
      {label}
      {state.status === 'done' && state.result.ok && (
        <span className="small"> · {t('audit.entries', { n: state.result.count })}</span>
      )}
    </button>
  );
}
