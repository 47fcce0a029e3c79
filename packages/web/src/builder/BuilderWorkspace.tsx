import {
  diffTemplates,
  type LintFinding,
  lintParsed,
  parseTemplate,
  type SanitizedField,
  type Template,
  type TemplateChangeKind,
  type WorkspacePolicy,
} from '@veil/schema';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../app/i18n.js';
import { AnnotationPanel } from './AnnotationPanel.js';
import { rememberPublished } from './baselineCache.js';
import { builderApi, type Refusal, refusalOf } from './builderApi.js';
import { useBuilderText } from './builderText.js';
import { DiffPanel, type DiffState } from './DiffPanel.js';
import { describeChange } from './diffText.js';
import { FieldEditor } from './FieldEditor.js';
import { FieldList } from './FieldList.js';
import { LintPanel } from './LintPanel.js';
import { PreviewPane } from './PreviewPane.js';
import { fieldPathOf } from './schemaPaths.js';
import { TemplateSettings } from './TemplateSettings.js';
import { useTemplateHistory } from './useTemplateHistory.js';

export interface WorkspaceProps {
  initial: Template;
  policy: WorkspacePolicy;
  /** The latest published version, if any, and its JSON when the builder has it. */
  published: { version: number; template: Template | null } | null;
  /** The template exists on the server (its id can no longer change here). */
  stored: boolean;
  onStored: (id: string) => void;
}

const editTimes = new WeakMap<Template, number>();
const parseTimes = new WeakMap<Template, number>();

type Tab = 'preview' | 'lint' | 'changes';
type Busy = null | 'save' | 'publish';

/** Trails a value by `ms`: the diff (two more parses) waits until the author pauses. */
function useTrailing<T>(value: T, ms: number): T {
  const [trailing, setTrailing] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setTrailing(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return trailing;
}

/** The editing screen: field list, field + annotation editor, and preview / lint / changes. */
export function BuilderWorkspace(props: WorkspaceProps) {
  const tx = useBuilderText();
  const { locale } = useI18n();
  const { policy } = props;
  const history = useTemplateHistory(props.initial);
  const { template, edit } = history;
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('preview');
  const [busy, setBusy] = useState<Busy>(null);
  const [saved, setSaved] = useState<Template | null>(props.stored ? props.initial : null);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [confirm, setConfirm] = useState<Refusal | null>(null);
  const [warnAsk, setWarnAsk] = useState(false);
  const [published, setPublished] = useState(props.published);
  const [stored, setStored] = useState(props.stored);

  // When the edit that made each version was dispatched: the preview reports how long it took to
  // show the version it shows (the preview renders a deferred copy, so it can lag the edit).
  if (!editTimes.has(template)) editTimes.set(template, history.changedAt || performance.now());
  const shown = useDeferredValue(template);
  const editedAt = editTimes.get(shown) ?? 0;
  const parsed = useMemo(() => {
    const started = performance.now();
    const result = parseTemplate(shown, policy);
    parseTimes.set(shown, performance.now() - started);
    return result;
  }, [shown, policy]);
  const sanitized = parsed.status === 'ok' ? parsed.template : null;
  const parseErrors = parsed.status === 'error' ? parsed.errors : [];
  const findings: LintFinding[] = useMemo(() => {
    if (parsed.status === 'ok') return lintParsed(shown, parsed.template, policy).findings;
    return parsed.errors.map((e) => ({
      code: 'parse',
      severity: 'error' as const,
      path: e.path,
      message: `${e.code}: ${e.message}`,
      params: { detail: `${e.code}: ${e.message}` },
    }));
  }, [parsed, shown, policy]);
  const resolved = useMemo(
    () => new Map<string, SanitizedField>((sanitized?.fields ?? []).map((f) => [f.path, f])),
    [sanitized],
  );
  const findingsByField = useMemo(() => {
    const map = new Map<string, number>();
    for (const f of findings) {
      if (f.acknowledged) continue;
      const path = fieldPathOf(f.path);
      if (path !== null) map.set(path, (map.get(path) ?? 0) + 1);
    }
    return map;
  }, [findings]);
  const errorCount = findings.filter((f) => f.severity === 'error').length;
  const titleOf = (path: string): string => {
    const field = resolved.get(path);
    if (!field) return path;
    return (locale === 'en' ? field.i18n.en?.title : undefined) ?? field.title;
  };
  const openCount = findings.filter((f) => !f.acknowledged).length;
  const openWarnings = findings.filter((f) => f.severity === 'warning' && !f.acknowledged);

  const forDiff = useTrailing(template, 400);
  const diff: DiffState = useMemo(() => {
    if (!published) return { status: 'none' };
    if (!published.template) return { status: 'unknown-base', version: published.version };
    try {
      return {
        status: 'ok',
        version: published.version,
        diff: diffTemplates(published.template, forDiff, policy),
      };
    } catch {
      return { status: 'invalid' };
    }
  }, [published, forDiff, policy]);

  const dirty = saved !== template;
  const select = (path: string | null) => setSelected(path);

  const save = async (): Promise<boolean> => {
    setBusy('save');
    setRefusal(null);
    setNotice(null);
    try {
      await builderApi.saveDraft(template);
      setSaved(template);
      setStored(true);
      props.onStored(template.id);
      setNotice(tx('saved'));
      return true;
    } catch (error) {
      setRefusal(refusalOf(error));
      return false;
    } finally {
      setBusy(null);
    }
  };

  /** Unacknowledged warnings need an explicit "publish anyway" first. */
  const askPublish = () => {
    if (openWarnings.length > 0) setWarnAsk(true);
    else void publish(false);
  };

  const publish = async (confirmed: boolean) => {
    setConfirm(null);
    setWarnAsk(false);
    if (!(await save())) return;
    setBusy('publish');
    setNotice(null);
    try {
      const { version } = await builderApi.publish(template.id, confirmed);
      const snapshot = { ...template, version };
      rememberPublished(snapshot);
      setPublished({ version, template: snapshot });
      setNotice(tx('published_v', { v: version }));
      props.onStored(template.id);
    } catch (error) {
      const r = refusalOf(error);
      if (r.code === 'confirmation-required') setConfirm(r);
      else setRefusal(r);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="bld" data-testid="builder">
      <div className="bld-toolbar">
        <button
          type="button"
          data-testid="undo"
          disabled={!history.canUndo}
          title={tx('undoHint')}
          onClick={history.undo}
        >
          ↶ {tx('undo')}
        </button>
        <button
          type="button"
          data-testid="redo"
          disabled={!history.canRedo}
          title={tx('redoHint')}
          onClick={history.redo}
        >
          ↷ {tx('redo')}
        </button>
        <strong className="bld-toolbar-title">
          {(locale === 'en' ? template.i18n?.en?.title : undefined) || template.title}{' '}
          <code className="muted small">{template.id}</code>
        </strong>
        <span className="muted small" data-testid="dirty">
          {dirty ? tx('unsaved') : ''}
        </span>
        {notice && (
          <span className="notice small" data-testid="builder-notice" role="status">
            {notice}
          </span>
        )}
        <button type="button" data-testid="save-draft" disabled={busy !== null} onClick={() => void save()}>
          {busy === 'save' ? tx('saving') : tx('save')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="publish"
          disabled={busy !== null || errorCount > 0}
          title={errorCount > 0 ? tx('lintBlocks') : undefined}
          onClick={askPublish}
        >
          {busy === 'publish' ? tx('publishing') : tx('publish')}
        </button>
      </div>
      {refusal && (
        <div className="error" role="alert" data-testid="server-refusal">
          <strong>{tx('serverRefused')}</strong> {refusal.message}
          {refusal.issues.length > 0 && (
            <ul>
              {refusal.issues.map((i) => (
                <li key={`${i.path}:${i.code}`} className="small">
                  <code>{i.code}</code> <code>{i.path}</code> {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {warnAsk && (
        <div className="bld-confirm" role="alertdialog" data-testid="publish-warnings">
          <strong>{tx('warnTitle', { n: openWarnings.length })}</strong>
          <p>{tx('warnBody')}</p>
          <button
            type="button"
            className="danger"
            data-testid="publish-anyway"
            onClick={() => void publish(false)}
          >
            {tx('confirmDo')}
          </button>{' '}
          <button
            type="button"
            data-testid="publish-review"
            onClick={() => {
              setWarnAsk(false);
              setTab('lint');
            }}
          >
            {tx('warnReview')}
          </button>
        </div>
      )}
      {confirm && (
        <div className="bld-confirm" role="alertdialog" data-testid="publish-confirmation">
          <strong>{tx('confirmTitle')}</strong>
          {locale === 'en' && <p>{confirm.message}</p>}
          <ul>
            {confirm.issues.map((i) => (
              <li key={`${i.path}:${i.code}`} className="small">
                <strong>{i.path ? titleOf(i.path) : tx('settings')}</strong>:{' '}
                {describeChange({ kind: i.code as TemplateChangeKind, message: i.message }, locale, (r) => r)}
              </li>
            ))}
          </ul>
          <p>{tx('confirmBody')}</p>
          <button
            type="button"
            className="danger"
            data-testid="publish-confirm"
            onClick={() => void publish(true)}
          >
            {tx('confirmDo')}
          </button>{' '}
          <button type="button" onClick={() => setConfirm(null)}>
            ✕
          </button>
        </div>
      )}
      <div className="bld-columns">
        <FieldList
          template={template}
          edit={edit}
          selected={selected}
          onSelect={select}
          resolved={resolved}
          findings={findingsByField}
        />
        <div className="bld-editor">
          <button
            type="button"
            className={`bld-settings-toggle${selected === null ? ' active' : ''}`}
            data-testid="template-settings-toggle"
            onClick={() => setSelected(null)}
          >
            ⚙ {tx('settings')}
          </button>
          {selected === null ? (
            <>
              <TemplateSettings template={template} edit={edit} idLocked={stored} />
              <p className="muted">{tx('noSelection')}</p>
            </>
          ) : (
            <>
              <FieldEditor template={template} path={selected} edit={edit} onRenamed={setSelected} />
              <AnnotationPanel
                template={template}
                path={selected}
                policy={policy}
                field={resolved.get(selected)}
                edit={edit}
              />
            </>
          )}
        </div>
        <div className="bld-side">
          <div className="tabs" role="tablist">
            <button
              type="button"
              role="tab"
              className={`tab${tab === 'preview' ? ' active' : ''}`}
              data-testid="tab-preview"
              onClick={() => setTab('preview')}
            >
              {tx('preview')}
            </button>
            <button
              type="button"
              role="tab"
              className={`tab${tab === 'lint' ? ' active' : ''}`}
              data-testid="tab-lint"
              onClick={() => setTab('lint')}
            >
              {tx('lint')}{' '}
              <span
                className={`badge ${errorCount > 0 ? 'badge-bad' : openCount > 0 ? 'bld-badge-warn' : 'badge-ok'}`}
                data-testid="lint-count"
              >
                {openCount}
              </span>
            </button>
            <button
              type="button"
              role="tab"
              className={`tab${tab === 'changes' ? ' active' : ''}`}
              data-testid="tab-changes"
              onClick={() => setTab('changes')}
            >
              {tx('changes')}
              {diff.status === 'ok' && diff.diff.changes.length > 0 && (
                <>
                  {' '}
                  <span
                    className={`badge ${diff.diff.breaking || diff.diff.weakensPrivacy ? 'badge-bad' : 'badge-ok'}`}
                  >
                    {diff.diff.changes.length}
                  </span>
                </>
              )}
            </button>
          </div>
          {tab === 'preview' && (
            <PreviewPane
              sanitized={sanitized}
              errors={parseErrors}
              policy={policy}
              editedAt={editedAt}
              parseMs={parseTimes.get(shown) ?? 0}
            />
          )}
          {tab === 'lint' && (
            <LintPanel
              policy={policy}
              findings={findings}
              edit={edit}
              onSelect={(path) => {
                select(path);
              }}
            />
          )}
          {tab === 'changes' && (
            <DiffPanel state={diff} onSelect={select} policy={policy} titleOf={titleOf} />
          )}
        </div>
      </div>
    </div>
  );
}
