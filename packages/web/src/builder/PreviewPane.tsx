import Form from '@rjsf/core';
import { leastPrivilegedRole } from '@veil/policy';
import { type JsonSchema, RELATIONS, type SanitizedTemplate, type WorkspacePolicy } from '@veil/schema';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../app/i18n.js';
import { MaskContext, type MaskState } from '../form/maskContext.js';
import { schemaPathOf, valuePointerOf } from '../form/pointers.js';
import { relaxMasked } from '../form/relaxMasked.js';
import { translateRjsf } from '../form/translateRjsf.js';
import { useBuilderText } from './builderText.js';
import { type PreviewAs, previewFromSanitized } from './computePreview.js';
import { PREVIEW_RJSF, PreviewForm } from './PreviewForm.js';
import { previewParts } from './previewParts.js';

const { validator, widgets, templates } = PREVIEW_RJSF;
const NO_REVEALS: ReadonlyMap<string, unknown> = new Map();

/**
 * The live form as one person would see it: a role, and its relation to a sample record filled
 * with typical values (or a new record), projected and masked by the same policy code the server runs.
 */
export function PreviewPane(props: {
  sanitized: SanitizedTemplate | null;
  errors: { path: string; message: string }[];
  policy: WorkspacePolicy;
  /** `performance.now()` when the edit shown here was dispatched: the pane reports how long it took to show it. */
  editedAt: number;
  /** How long parsing the shown version took (reported beside the total). */
  parseMs: number;
}) {
  const tx = useBuilderText();
  const { t, locale } = useI18n();
  // First shown as the staff role that may do least (the rep under the default policy).
  const [role, setRole] = useState(() => leastPrivilegedRole(props.policy)?.id ?? '');
  const [relation, setRelation] = useState<PreviewAs['relation']>('team');
  const msRef = useRef<HTMLSpanElement>(null);
  const projectMs = useRef(0);
  const view = useMemo(() => {
    const started = performance.now();
    const result = props.sanitized
      ? previewFromSanitized(props.sanitized, props.policy, { role, relation, locale })
      : null;
    projectMs.current = performance.now() - started;
    return result;
  }, [props.sanitized, props.policy, role, relation, locale]);
  const schema = useMemo(() => {
    if (!view?.data) return null;
    const data = view.data;
    return relaxMasked(
      view.form.schema,
      view.masked.map((p) => schemaPathOf(data, p)),
      view.form.uiSchema,
    ) as JsonSchema;
  }, [view]);
  const parts = useMemo(
    () =>
      view?.data && schema
        ? previewParts(schema, view.form.uiSchema, view.data, view.masked, view.revealable)
        : null,
    [view, schema],
  );
  const mask = useMemo<MaskState | null>(() => {
    if (!view?.data) return null;
    const data = view.data;
    return {
      masked: new Set(view.masked),
      revealable: new Set(view.revealable),
      revealed: NO_REVEALS,
      reveal: () => undefined,
      pointerOf: (path) => valuePointerOf(data, path),
    };
  }, [view]);
  const translateString = useMemo(() => translateRjsf(t), [t]);

  // After the preview of a new version has committed: how long since that edit was dispatched
  // (parse + project + render). rjsf's Form re-renders once more, synchronously, from its
  // componentDidUpdate; a microtask runs after that, so the figure covers both renders.
  // `data-preview-ms` (also `data-ms`) is that figure; `data-paint-ms` waits for the next frame.
  useLayoutEffect(() => {
    if (props.editedAt === 0) return;
    const editedAt = props.editedAt;
    const parseMs = props.parseMs;
    const projected = projectMs.current;
    let live = true;
    queueMicrotask(() => {
      const el = msRef.current;
      if (!live || !el) return;
      const ms = (performance.now() - editedAt).toFixed(1);
      el.textContent = tx('previewMs', { ms: Number(ms).toFixed(0) });
      el.dataset.parseMs = parseMs.toFixed(1);
      el.dataset.projectMs = projected.toFixed(1);
      el.dataset.paintMs = '';
      el.dataset.ms = ms;
      el.dataset.previewMs = ms;
    });
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (live && msRef.current) msRef.current.dataset.paintMs = (performance.now() - editedAt).toFixed(1);
      };
      channel.port2.postMessage(null);
    });
    return () => {
      live = false;
    };
  }, [props.editedAt, props.parseMs, tx]);

  return (
    <div className="bld-preview" data-testid="preview">
      <div className="bld-preview-bar">
        <label className="inline">
          <span>{tx('previewAs')}</span>
          <select data-testid="preview-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {props.policy.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {(locale === 'en' ? r.i18n?.en?.title : r.title) ?? r.title ?? r.id}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>{tx('relation')}</span>
          <select
            data-testid="preview-relation"
            value={relation}
            onChange={(e) => setRelation(e.target.value as PreviewAs['relation'])}
          >
            {RELATIONS.map((rel) => (
              <option key={rel} value={rel}>
                {tx(`rel.${rel}`)}
              </option>
            ))}
            <option value="create">{tx('rel.create')}</option>
          </select>
        </label>
        <span ref={msRef} className="muted small" data-testid="preview-ms" />
      </div>
      <p className="muted small bld-legend">{tx('previewLegend')}</p>
      {!props.sanitized && (
        <div className="error" data-testid="preview-broken">
          <strong>{tx('previewBroken')}</strong>
          <ul>
            {props.errors.slice(0, 6).map((e) => (
              <li key={`${e.path}:${e.message}`} className="small">
                <code>{e.path || '/'}</code> {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view && !view.data && (
        <p className="bld-warn" data-testid="preview-out-of-scope">
          {tx('previewOutOfScope')}
        </p>
      )}
      {view?.data && mask && parts && (
        <PreviewForm
          parts={parts}
          mask={mask}
          translateString={translateString}
          formKey={`${role}/${relation}`}
        />
      )}
      {view?.data && schema && mask && !parts && (
        <MaskContext.Provider value={mask}>
          <Form
            key={`${role}/${relation}`}
            className="record-form bld-preview-form"
            schema={schema as never}
            uiSchema={view.form.uiSchema}
            formData={view.data}
            validator={validator}
            widgets={widgets}
            templates={templates}
            translateString={translateString}
            noHtml5Validate
          >
            {/* no submit button: a preview saves nothing */}
            <div />
          </Form>
        </MaskContext.Provider>
      )}
    </div>
  );
}
