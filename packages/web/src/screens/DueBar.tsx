import { useState } from 'react';
import { addDays, isOverdue } from '../app/dueActions.js';
import { useI18n } from '../app/i18n.js';

/** The local calendar date, `YYYY-MM-DD`. */
export function localToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/**
 * On a record whose follow-up is due: "done" (clears or advances the date, as the template says)
 * and "snooze to" a date. Shown only to someone who may edit the due date; the server checks it.
 */
export function DueBar(props: {
  due: string;
  today: string;
  busy: boolean;
  onDone: () => void;
  onSnooze: (date: string) => void;
}) {
  const { t } = useI18n();
  const [until, setUntil] = useState(() => addDays(props.today, 1));
  const overdue = isOverdue(props.due, props.today);
  return (
    <div className={`due-bar${overdue ? ' overdue' : ''}`} data-testid="due-bar">
      <strong>{t(overdue ? 'due.barOverdue' : 'due.bar', { date: props.due })}</strong>
      <button
        type="button"
        className="primary"
        data-testid="due-done"
        disabled={props.busy}
        onClick={props.onDone}
      >
        {t('due.done')}
      </button>
      <label className="inline">
        <span>{t('due.snooze')}</span>
        <input
          type="date"
          name="snoozeUntil"
          min={addDays(props.today, 1)}
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
      </label>
      <button
        type="button"
        data-testid="due-snooze"
        disabled={props.busy || until <= props.today}
        onClick={() => props.onSnooze(until)}
      >
        {t('due.snoozeDo')}
      </button>
    </div>
  );
}
