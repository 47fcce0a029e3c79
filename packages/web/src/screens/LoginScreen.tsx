import { type FormEvent, useState } from 'react';
import { api } from '../api/api.js';
import { LOCALES, useI18n } from '../app/i18n.js';

export function LoginScreen({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, locale, setLocale } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      await api.login(username.trim(), password);
      onSignedIn();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login">
      <form className="card login-card" onSubmit={submit}>
        <h1>Veil</h1>
        <p className="muted">{t('tagline')}</p>
        <label>
          {t('login.user')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {failed && (
          <p className="error" role="alert">
            {t('login.failed')}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
        <p className="muted small">{t('login.demoHint')}</p>
        <div className="lang-links">
          {LOCALES.map((l) => (
            <button
              key={l}
              type="button"
              className={l === locale ? 'link active' : 'link'}
              onClick={() => setLocale(l)}
            >
              {l === 'zh-CN' ? '中文' : 'English'}
            </button>
          ))}
        </div>
      </form>
    </div>
  );
}
