import { type FormEvent, useState } from 'react';
import { useI18n } from '../app/i18n.js';

/** Asks why the viewer needs a masked value; the reason goes to the audit trail. */
export function RevealDialog({
  onConfirm,
  onCancel,
}: {
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length > 0) onConfirm(reason.trim());
  };
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="reveal-title"
        onSubmit={submit}
      >
        <h2 id="reveal-title">{t('reveal.button')}</h2>
        <p>{t('reveal.prompt')}</p>
        <label>
          {t('reveal.reason')}
          <textarea
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            minLength={3}
          />
        </label>
        <div className="form-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={reason.trim().length < 3}>
            {t('reveal.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
