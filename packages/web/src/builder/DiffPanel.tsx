import type { TemplateDiff, WorkspacePolicy } from '@veil/schema';
import { useI18n } from '../app/i18n.js';
import { roleLabel } from '../app/labels.js';
import { useBuilderText } from './builderText.js';
import { describeChange } from './diffText.js';
import { fieldPathOf } from './schemaPaths.js';

/** What publishing would change against the published version, with breaking / privacy flags. */
export type DiffState =
  | { status: 'none' }
  | { status: 'unknown-base'; version: number }
  | { status: 'invalid' }
  | { status: 'ok'; version: number; diff: TemplateDiff };

export function DiffPanel({
  state,
  onSelect,
  policy,
  titleOf,
}: {
  state: DiffState;
  onSelect: (path: string) => void;
  policy: WorkspacePolicy;
  /** A field's title by schema path, for naming fields instead of showing their paths. */
  titleOf: (path: string) => string;
}) {
  const tx = useBuilderText();
  const { t, locale } = useI18n();
  const roleTitle = (id: string) => roleLabel(t, locale, id, policy.roles);
  switch (state.status) {
    case 'none':
      return (
        <p className="muted" data-testid="diff-none">
          {tx('diffNoBase')}
        </p>
      );
    case 'unknown-base':
      return <p className="muted">{tx('diffUnknownBase', { v: state.version })}</p>;
    case 'invalid':
      return <p className="bld-warn">{tx('diffInvalid')}</p>;
    case 'ok':
      return (
        <div data-testid="diff">
          <p className="muted small">
            {tx('diffAgainst', { v: state.version })}
            {state.diff.breaking && <span className="badge badge-bad"> {tx('breaking')}</span>}{' '}
            {state.diff.weakensPrivacy && <span className="badge badge-bad"> {tx('weakens')}</span>}
          </p>
          {state.diff.changes.length === 0 ? (
            <p className="muted">{tx('diffNone')}</p>
          ) : (
            <ul className="bld-lint" data-testid="diff-list">
              {state.diff.changes.map((c, i) => {
                const field = fieldPathOf(c.path);
                return (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: one path can change in several ways of one kind (per role)
                    key={`${c.path}:${c.kind}:${i}`}
                    className={`bld-finding ${c.classification === 'breaking' || c.privacy === 'weakens' ? 'error' : 'warning'}`}
                    data-testid="diff-item"
                    data-kind={c.kind}
                  >
                    <button
                      type="button"
                      className="bld-finding-main"
                      disabled={field === null}
                      onClick={() => field && onSelect(field)}
                    >
                      <strong>{c.path ? titleOf(c.path) : tx('settings')}</strong>
                      {c.role && <span className="muted"> · {roleTitle(c.role)}</span>}{' '}
                      {c.classification === 'breaking' && (
                        <span className="badge badge-bad">{tx('breaking')}</span>
                      )}{' '}
                      {c.privacy === 'weakens' && <span className="badge badge-bad">{tx('weakens')}</span>}
                      {c.privacy === 'strengthens' && (
                        <span className="badge badge-ok">{tx('strengthens')}</span>
                      )}
                      <span className="bld-finding-msg">{describeChange(c, locale, roleTitle)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      );
  }
}
