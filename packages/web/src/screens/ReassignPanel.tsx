import { type FormEvent, useState } from 'react';
import { errorMessage, trpc } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { useLoad } from '../app/useLoad.js';

/**
 * Hands the customer to someone else of the team (`team.reassign`, checked and audited on the
 * server). Offered to holders of `records.reassign` on this record's relation; loaded lazily.
 */
export function ReassignPanel({
  templateId,
  recordId,
  onDone,
}: {
  templateId: string;
  recordId: string;
  onDone: (name: string) => void;
}) {
  const { t } = useI18n();
  const people = useLoad(() => trpc.team.names.query(), []);
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (people.status !== 'ok') return null;
  const candidates = people.data.people.filter((p) => p.mayOwn);
  if (candidates.length === 0) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const person = candidates.find((p) => p.id === to);
    if (!person) return;
    setBusy(true);
    setError(null);
    try {
      await trpc.team.reassign.mutate({ templateId, ids: [recordId], to });
      onDone(person.name);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="reassign" data-testid="reassign" onSubmit={(e) => void submit(e)}>
      <label className="inline">
        <span>{t('reassign.to')}</span>
        <select name="reassign-to" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t('reassign.choose')}</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy || to === ''}>
        {t('reassign.submit')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
