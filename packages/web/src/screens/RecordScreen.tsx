import { useCallback, useRef, useState } from 'react';
import { api } from '../api/api.js';
import { errorMessage } from '../api/trpc.js';
import type { FormInfo, ProjectedRecord, TemplateSummary } from '../api/types.js';
import { dateAfterDone } from '../app/dueActions.js';
import { useI18n } from '../app/i18n.js';
import { href, navigate } from '../app/router.js';
import { useLoad } from '../app/useLoad.js';
import { RevealDialog } from '../components/RevealDialog.js';
import { Loaded } from '../components/Status.js';
import { changedLeaves } from '../form/changedLeaves.js';
import { RecordForm } from '../form/RecordForm.js';
import { schemaFields } from '../form/schemaFields.js';
import { DueBar, localToday } from './DueBar.js';
import { HistoryPanel } from './HistoryPanel.js';

interface Page {
  record: ProjectedRecord | null;
  form: FormInfo;
  load: number;
  /** The template's record-title field, if it names one. */
  titleField?: string;
  /** The template's next-contact date field and its due rules. */
  due?: { field: string; rules: TemplateSummary['dueRules'] };
}

/** The record's next-contact date when it has come and the viewer may change it. */
function dueOf(page: Page, today: string): string | undefined {
  if (!page.record || !page.due) return undefined;
  const value = page.record.data[page.due.field.slice(1)];
  if (typeof value !== 'string' || value === '' || value.slice(0, 10) > today) return undefined;
  const field = schemaFields(page.form.schema, page.form.uiSchema).find((f) => f.path === page.due?.field);
  return field && !field.readOnly && !field.masked ? value.slice(0, 10) : undefined;
}

/** The record's own title (its company, say) where the template names the field and the viewer reads it. */
function recordTitleOf(page: Page): string | undefined {
  if (!page.record || page.titleField === undefined) return undefined;
  const key = page.titleField.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
  const value = page.record.data[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function RecordScreen({ templateId, recordId }: { templateId: string; recordId: string }) {
  const { t } = useI18n();
  const isNew = recordId === 'new';
  // Each load remounts the form with what the server sent (after a save or a reveal).
  const loads = useRef(0);
  const page = useLoad<Page>(async () => {
    if (isNew) return { record: null, form: await api.form(templateId), load: ++loads.current };
    const [record, form, templates] = await Promise.all([
      api.record(templateId, recordId),
      api.form(templateId, recordId),
      api.templates(),
    ]);
    const summary = templates.find((x) => x.id === templateId);
    return {
      record,
      form,
      load: ++loads.current,
      ...(summary?.recordTitle ? { titleField: summary.recordTitle } : {}),
      ...(summary?.due ? { due: { field: summary.due, rules: summary.dueRules } } : {}),
    };
  }, [templateId, recordId]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [revealing, setRevealing] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<ReadonlyMap<string, unknown>>(new Map());
  const onReveal = useCallback((pointer: string) => setRevealing(pointer), []);

  const snoozing = useRef(false);
  const today = localToday();
  /** Done or snooze: one change to the due date, through the same checked update as the form. */
  const setDue = async (current: Page, value: string | null) => {
    if (!current.record || !current.due) return;
    setBusy(true);
    setMessage(null);
    try {
      await api.update(templateId, current.record, [{ pointer: current.due.field, value }], []);
      setMessage({
        kind: 'ok',
        text:
          value === null
            ? t('due.doneCleared')
            : t(snoozing.current ? 'due.snoozed' : 'due.doneAdvanced', { date: value }),
      });
      page.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: `${t('record.saveFailed')}: ${errorMessage(e)}` });
    } finally {
      snoozing.current = false;
      setBusy(false);
    }
  };

  const save = async (current: Page, data: Record<string, unknown>) => {
    setBusy(true);
    setMessage(null);
    try {
      const { changes, removeItems } = changedLeaves(current.record?.data ?? {}, data);
      if (!current.record) {
        const created = await api.create(templateId, changes);
        if (created) navigate(href(['records', templateId, created.id]));
        else navigate(href(['customers'], { template: templateId }));
        return;
      }
      if (changes.length === 0 && removeItems.length === 0) {
        setMessage({ kind: 'ok', text: t('record.nothingChanged') });
        return;
      }
      await api.update(templateId, current.record, changes, removeItems);
      setMessage({ kind: 'ok', text: t('record.savedFields', { n: changes.length + removeItems.length }) });
      page.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: `${t('record.saveFailed')}: ${errorMessage(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="record">
      <div className="screen-head">
        <a className="link" href={href(['customers'], { template: templateId })}>
          ← {t('common.back')}
        </a>
        <h1 data-testid="record-title">
          {isNew ? t('record.new') : (page.status === 'ok' && recordTitleOf(page.data)) || t('record.title')}
        </h1>
        {!isNew && (
          <a className="button" href={href(['share', templateId, recordId])} data-testid="record-share">
            {t('exports.share')}
          </a>
        )}
      </div>
      <Loaded load={page}>
        {(current) => (
          <div className="record-layout">
            <div className="card">
              {current.record && (
                <p className="muted small" data-relation={current.record.relation}>
                  {t(`record.relation.${current.record.relation}`)} ·{' '}
                  {t('record.version', { n: current.record.version })}
                </p>
              )}
              {(() => {
                const due = dueOf(current, today);
                return due === undefined ? null : (
                  <DueBar
                    due={due}
                    today={today}
                    busy={busy}
                    onDone={() => void setDue(current, dateAfterDone(current.due?.rules?.onDone, today))}
                    onSnooze={(date) => {
                      snoozing.current = true;
                      void setDue(current, date);
                    }}
                  />
                );
              })()}
              {message && (
                <p className={message.kind === 'ok' ? 'notice' : 'error'} role="status">
                  {message.text}
                </p>
              )}
              <RecordForm
                key={current.load}
                form={current.form}
                data={current.record?.data ?? {}}
                masked={current.record?.masked ?? []}
                revealable={current.record?.revealable ?? []}
                revealed={revealed}
                onReveal={onReveal}
                onSubmit={(data) => void save(current, data)}
                busy={busy}
              />
            </div>
            {current.record && (
              <HistoryPanel
                templateId={templateId}
                recordId={current.record.id}
                version={current.record.version}
                titles={fieldTitles(current.form)}
              />
            )}
          </div>
        )}
      </Loaded>
      {revealing !== null && !isNew && (
        <RevealDialog
          onCancel={() => setRevealing(null)}
          onConfirm={async (reason) => {
            const pointer = revealing;
            setRevealing(null);
            try {
              await api.reveal(templateId, recordId, pointer, reason);
              setRevealed((prev) => new Map(prev).set(pointer, true));
              page.reload();
            } catch (e) {
              setMessage({ kind: 'error', text: errorMessage(e) });
            }
          }}
        />
      )}
    </section>
  );
}

/** Titles of the form's fields by schema path; an item field reads "list › field". */
function fieldTitles(form: FormInfo): Map<string, string> {
  const titles = new Map<string, string>();
  for (const field of schemaFields(form.schema, form.uiSchema)) {
    const cut = field.path.lastIndexOf('/*');
    const parent = cut > 0 ? titles.get(field.path.slice(0, cut)) : undefined;
    if (parent === undefined) titles.set(field.path, field.title);
    else if (field.path.endsWith('/*')) titles.set(field.path, parent);
    else titles.set(field.path, `${parent} › ${field.title}`);
  }
  return titles;
}
