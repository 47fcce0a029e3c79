import type { ReactNode } from 'react';
import { errorCode, errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import type { Load } from '../app/useLoad.js';

/** Renders loading and error states of a `Load`, else the children for the data. */
export function Loaded<T>({ load, children }: { load: Load<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (load.status === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (load.status === 'error') return <ErrorBox error={load.error} onRetry={load.reload} />;
  return <>{children(load.data)}</>;
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const code = errorCode(error);
  const notFound = code === 'NOT_FOUND';
  // A permission refusal is not a failure: the screen is simply not for this role.
  if (code === 'FORBIDDEN') return <NotForRole />;
  return (
    <div className="error" role="alert">
      <strong>{notFound ? t('common.notFound') : t('common.error')}</strong>
      {!notFound && <span> {errorMessage(error)}</span>}
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A screen the viewer's role may not use (never an error). */
export function NotForRole() {
  const { t } = useI18n();
  return (
    <p className="muted" data-testid="not-for-role">
      {t('common.notForRole')}
    </p>
  );
}
