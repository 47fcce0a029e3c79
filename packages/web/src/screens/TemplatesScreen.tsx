import { api } from '../api/api.js';
import { useI18n } from '../app/i18n.js';
import { href } from '../app/router.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';

export function TemplatesScreen() {
  const { t } = useI18n();
  const templates = useLoad(() => api.templates(), []);
  return (
    <section>
      <div className="screen-head">
        <h1>{t('templates.title')}</h1>
      </div>
      <Loaded load={templates}>
        {(list) => (
          <ul className="cards">
            {list.map((tpl) => (
              <li key={tpl.id} className="card">
                <h2>{tpl.title}</h2>
                <p className="muted small">
                  {tpl.id} · v{tpl.version}
                </p>
                {tpl.description && <p>{tpl.description}</p>}
                <p>
                  <a href={href(['customers'], { template: tpl.id })}>{t('templates.open')}</a> ·{' '}
                  <a href={href(['templates', tpl.id, 'processing'])}>{t('templates.processing')}</a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
