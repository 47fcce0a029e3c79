import { type FormEvent, useState } from 'react';
import { api } from '../api/api.js';
import { errorCode, errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { useSession } from '../app/session.js';

/** The signed-in user's own account: change the password (every other session ends). */
export function AccountScreen() {
  const { t } = useI18n();
  const { me } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    setError(null);
    if (next !== repeat) {
      setError(t('account.mismatch'));
      return;
    }
    if (next === current) {
      setError(t('account.same'));
      return;
    }
    setBusy(true);
    try {
      const result = await api.changeOwnPassword(current, next);
      setNotice(t('account.changed', { s: result.sessionsRevoked }));
      setCurrent('');
      setNext('');
      setRepeat('');
    } catch (err) {
      // The server refuses a wrong current password as bad input; say so in the user's language.
      setError(errorCode(err) === 'BAD_REQUEST' ? t('account.wrongCurrent') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="account">
      <h1>{t('account.title')}</h1>
      <p className="muted">{me.name}</p>
      <form className="card stack account-form" onSubmit={submit} data-testid="change-password">
        <h2>{t('account.changePassword')}</h2>
        <label>
          {t('account.current')}
          <input
            name="current"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          {t('account.next')}
          <input
            name="next"
            type="password"
            autoComplete="new-password"
            minLength={10}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
        </label>
        <label>
          {t('account.repeat')}
          <input
            name="repeat"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            required
          />
        </label>
        <p className="muted small">{t('account.hint')}</p>
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
        {notice && (
          <p className="notice small" role="status">
            {notice}
          </p>
        )}
        <div>
          <button type="submit" className="primary" disabled={busy || next.length < 10}>
            {t('account.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
