import type { AccessRule, Level, WorkspacePolicy } from '@veil/schema';
import { api } from '../api/api.js';
import { type Locale, useI18n } from '../app/i18n.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';

function titleOf(
  item: { id: string; title?: string; i18n?: Record<string, { title?: string }> },
  locale: Locale,
): string {
  return item.i18n?.[locale]?.title ?? item.title ?? item.id;
}

function ruleText(rule: AccessRule): string {
  return typeof rule === 'string'
    ? rule
    : Object.entries(rule)
        .map(([rel, level]) => `${rel}: ${level}`)
        .join(', ');
}

/** The workspace policy, read-only: roles, purposes, level defaults, edit defaults. */
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
                    <td>{r.kind}</td>
                    <td>{r.rowScope}</td>
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
                        <span className={`level level-${level}`}>{level}</span>
                      </td>
                      <td>
                        {Object.entries(d.access).map(([key, rule]) => (
                          <div key={key} className="small">
                            <strong>{key}</strong>: {ruleText(rule)}
                          </div>
                        ))}
                      </td>
                      <td>{d.export}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
            <h2>{t('policy.editDefault')}</h2>
            <ul>
              {Object.entries(p.editDefault).map(([key, relations]) => (
                <li key={key}>
                  <strong>{key}</strong>: {relations.join(', ')}
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </section>
  );
}
