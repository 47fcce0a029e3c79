import Form from '@rjsf/core';
import { customizeValidator } from '@rjsf/validator-ajv8';
import {
  FORMAT_VALIDATORS,
  type JsonSchema,
  RELATIONS,
  type SanitizedTemplate,
  type WorkspacePolicy,
} from '@veil/schema';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../app/i18n.js';
import { MaskedFieldTemplate } from '../form/MaskedFieldTemplate.js';
import { MaskContext, type MaskState } from '../form/maskContext.js';
import { PiiTextareaWidget } from '../form/PiiTextareaWidget.js';
import { schemaPathOf } from '../form/pointers.js';
import { relaxMasked } from '../form/relaxMasked.js';
import { translateRjsf } from '../form/translateRjsf.js';
import { useBuilderText } from './builderText.js';
import { type PreviewAs, previewFromSanitized } from './computePreview.js';

const validator = customizeValidator({ customFormats: FORMAT_VALIDATORS });
const widgets = { TextareaWidget: PiiTextareaWidget };
const templates = { FieldTemplate: MaskedFieldTemplate };
const NO_REVEALS: ReadonlyMap<string, unknown> = new Map();

function pointerIn(data: unknown, path: readonly (string | number)[]): string {
  let node: unknown = data;
  let pointer = '';
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') {
      const item = node[segment] as Record<string, unknown> | undefined;
      pointer += `/${typeof item?._id === 'string' ? item._id : `#${segment}`}`;
      node = item;
    } else {
      pointer += `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
      node =
        node && typeof node === 'object' ? (node as Record<string, unknown>)[String(segment)] : undefined;
    }
  }
  return pointer;
}

/**
 * The live form as one person would see it: a role, and its relation to a sample record filled
 * with typical values (or a new record), projected and masked by the same policy code the server runs.
 */
export function PreviewPane(props: {
  sanitized: SanitizedTemplate | null;
  errors: { path: string; message: string }[];
  policy: WorkspacePolicy;
  /** `performance.now()` when the edit shown here was made: the pane reports how long it took to show it. */
  editedAt: number;
  /** How long parsing the shown version took (reported beside the total). */
  parseMs: number;
}) {
  const tx = useBuilderText();
  const { t, locale } = useI18n();
  const [role, setRole] = useState(() =>
    props.policy.roles.some((r) => r.id === 'rep') ? 'rep' : (props.policy.roles[0]?.id ?? 'rep'),
  );
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
    ) as JsonSchema;
  }, [view]);
  const mask = useMemo<MaskState | null>(() => {
    if (!view?.data) return null;
    const data = view.data;
    return {
      masked: new Set(view.masked),
      revealable: new Set(view.revealable),
      revealed: NO_REVEALS,
      reveal: () => undefined,
      pointerOf: (path) => pointerIn(data, path),
    };
  }, [view]);
  const translateString = useMemo(() => translateRjsf(t), [t]);

  // After the preview of a new version has committed: how long since that edit (parse + project + render).
  useLayoutEffect(() => {
    if (props.editedAt === 0) return;
    const ms = performance.now() - props.editedAt;
    if (msRef.current) {
      msRef.current.textContent = tx('previewMs', { ms: ms.toFixed(0) });
      msRef.current.dataset.ms = ms.toFixed(1);
      msRef.current.dataset.parseMs = props.parseMs.toFixed(1);
      msRef.current.dataset.projectMs = projectMs.current.toFixed(1);
    }
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
      {view?.data && schema && mask && (
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
