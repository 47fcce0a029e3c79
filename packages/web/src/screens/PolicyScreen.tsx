import type { AccessRule, Level, WorkspacePolicy } from '@veil/schema';
import { api } from '../api/api.js';
import { type Locale, type Translate, useI18n } from '../app/i18n.js';
import { labelOf, listSeparator, roleLabel } from '../app/labels.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';
import { PolicyEditor } from './PolicyEditor.js';

function titleOf(
  item: { id: string; title?: string; i18n?: Record<string, { title?: string }> },
  locale: Locale,
): string {
  return item.i18n?.[locale]?.title ?? item.title ?? item.id;
}

function ruleText(rule: AccessRule, t: Translate): string {
  return typeof rule === 'string'
    ? labelOf(t, 'access', rule)
    : Object.entries(rule)
        .map(([rel, level]) => `${labelOf(t, 'relation', rel)}: ${labelOf(t, 'access', level)}`)
        .join(' · ');
}

/** An access or edit map key: a role id, a role kind or `*`. */
function keyText(key: string, p: WorkspacePolicy, t: Translate, locale: Locale): string {
  if (key === '*') return t('policy.everyone');
  if (p.roles.some((r) => r.id === key)) return roleLabel(t, locale, key, p.roles);
  return labelOf(t, 'roleKind', key);
}

/** The workspace policy: roles, purposes, level defaults, edit defaults; edited with a confirmation when privacy weakens. */
export function PolicyScreen() {
  const { t, locale } = useI18n();
  const policy = useLoad(() => api.policy(), []);
  return (
    <section className="policy">
      <div className="screen-head">
        <h1>{t('policy.title')}</h1>
      </div>
      <Loaded load={policy}>
        {(p: WorkspacePolicy) => (
          <>
            <p className="muted small">v{p.version}</p>
            <PolicyEditor policy={p} onSaved={policy.reload} />
            <h2>{t('policy.roles')}</h2>
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('policy.role')}</th>
                  <th>{t('policy.kind')}</th>
                  <th>{t('policy.rowScope')}</th>
                </tr>
              </thead>
              <tbody>
                {p.roles.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {titleOf(r, locale)} <code className="small">{r.id}</code>
                    </td>
                    <td>{labelOf(t, 'roleKind', r.kind)}</td>
                    <td>{labelOf(t, 'rowScope', r.rowScope)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('policy.purposes')}</h2>
            <ul>
              {p.purposes.map((purpose) => (
                <li key={purpose.id}>
                  <code className="small">{purpose.id}</code> {titleOf(purpose, locale)}
                </li>
              ))}
            </ul>
            <h2>{t('policy.levels')}</h2>
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('processing.level')}</th>
                  <th>{t('policy.access')}</th>
                  <th>{t('policy.export')}</th>
                </tr>
              </thead>
              <tbody>
                {(Object.entries(p.levelDefaults) as [Level, WorkspacePolicy['levelDefaults'][Level]][]).map(
                  ([level, d]) => (
                    <tr key={level}>
                      <td>
                        <span className={`level level-${level}`}>{labelOf(t, 'level', level)}</span>
                      </td>
                      <td>
                        {Object.entries(d.access).map(([key, rule]) => (
                          <div key={key} className="small">
                            <strong>{keyText(key, p, t, locale)}</strong>: {ruleText(rule, t)}
                          </div>
                        ))}
                      </td>
                      <td>{labelOf(t, 'export', d.export)}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
            <h2>{t('policy.editDefault')}</h2>
            <ul>
              {Object.entries(p.editDefault).map(([key, relations]) => (
                <li key={key}>
                  <strong>{keyText(key, p, t, locale)}</strong>:{' '}
                  {relations.map((r) => labelOf(t, 'relation', r)).join(listSeparator(locale))}
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </section>
  );
}
