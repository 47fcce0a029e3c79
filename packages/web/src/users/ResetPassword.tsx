import { useState } from 'react';
import { api, type UserRow } from '../api/api.js';
import { errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';

/** An admin sets a new password for a user; every session of that user ends (audited). */
export function ResetPassword({
  user,
  onCancel,
  onDone,
}: {
  user: UserRow;
  onCancel: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.resetPassword(user.id, password);
      onDone(t('users.passwordReset', { name: user.name, s: result.sessionsRevoked }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="user-edit stack" data-testid="user-reset-password">
      <p className="small">{t('users.resetHint')}</p>
      <label>
        {t('users.newPassword')}
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && <p className="error small">{error}</p>}
      <div className="inline-form">
        <button
          type="button"
          className="primary"
          disabled={password.length < 10 || busy}
          onClick={() => void reset()}
        >
          {t('users.resetPassword')}
        </button>
        <button type="button" className="link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
