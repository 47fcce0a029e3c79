import { maskFits, maskValue } from '@veil/policy';
import {
  MASK_STYLE_NAMES,
  type MaskSpec,
  type RangeMask,
  type ResolvedMask,
  type SanitizedField,
} from '@veil/schema';
import { useEffect, useState } from 'react';
import { useI18n } from '../app/i18n.js';
import { useBuilderText } from './builderText.js';
import { PREVIEW_KEYS } from './computePreview.js';
import { sampleValue } from './sampleValues.js';

const STYLES = MASK_STYLE_NAMES;

function resolve(spec: MaskSpec): ResolvedMask {
  return typeof spec === 'string' ? { style: spec } : spec;
}

/** The mask as the author picks it, with a live sample of a typical value masked by the real mask code. */
export function MaskEditor(props: {
  spec: MaskSpec | undefined;
  field: SanitizedField | undefined;
  /** `typing` marks changes made by typing in a box: they undo together. */
  onChange: (spec: MaskSpec | undefined, typing?: boolean) => void;
}) {
  const tx = useBuilderText();
  const { locale } = useI18n();
  const mask: ResolvedMask | undefined = props.spec ? resolve(props.spec) : props.field?.privacy.mask;
  const typical = props.field
    ? sampleValue({ ...props.field, privacy: { ...props.field.privacy, ...(mask ? { mask } : {}) } }, locale)
    : '';
  const [sample, setSample] = useState(String(typical ?? ''));
  // A new field or a new style suggests a new typical value.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new field or style resets what the author typed
  useEffect(() => setSample(String(typical ?? '')), [props.field?.path, mask?.style]);
  const kind = props.field?.kind;
  const numeric = kind === 'number' || kind === 'integer';
  const value = numeric && sample.trim() !== '' && Number.isFinite(Number(sample)) ? Number(sample) : sample;
  const shown = mask ? maskValue(mask, value, { locale, hashToken: PREVIEW_KEYS.hashToken }) : value;
  const fits = mask && kind ? maskFits(mask, kind, props.field?.itemKind) : true;
  const style = props.spec ? resolve(props.spec).style : '';
  const setStyle = (next: string) => {
    if (next === '') return props.onChange(undefined);
    if (next === 'partial') return props.onChange({ style: 'partial', keepStart: 3, keepEnd: 4 });
    if (next === 'range')
      return props.onChange({ style: 'range', bounds: [100000, 500000, 1000000], unit: 'CNY' });
    props.onChange(next as MaskSpec);
  };

  return (
    <fieldset className="bld-fieldset" data-testid="mask-editor">
      <legend>{tx('mask')}</legend>
      <div className="bld-grid3">
        <label>
          <span>{tx('maskStyle')}</span>
          <select data-testid="mask-style" value={style} onChange={(e) => setStyle(e.target.value)}>
            <option value="">
              {tx('defaultOpt', {
                value: props.field ? tx(`maskStyle.${props.field.privacy.mask.style}`) : '?',
              })}
            </option>
            {STYLES.map((s) => (
              <option key={s} value={s}>
                {tx(`maskStyle.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {props.spec && typeof props.spec === 'object' && props.spec.style === 'partial' && (
          <>
            <label>
              <span>{tx('keepStart')}</span>
              <input
                type="number"
                min={0}
                data-testid="mask-keep-start"
                value={props.spec.keepStart}
                onChange={(e) =>
                  props.onChange({
                    style: 'partial',
                    keepStart: Math.max(0, Number(e.target.value) | 0),
                    keepEnd: (props.spec as { keepEnd: number }).keepEnd,
                  })
                }
              />
            </label>
            <label>
              <span>{tx('keepEnd')}</span>
              <input
                type="number"
                min={0}
                data-testid="mask-keep-end"
                value={props.spec.keepEnd}
                onChange={(e) =>
                  props.onChange({
                    style: 'partial',
                    keepStart: (props.spec as { keepStart: number }).keepStart,
                    keepEnd: Math.max(0, Number(e.target.value) | 0),
                  })
                }
              />
            </label>
          </>
        )}
        {props.spec && typeof props.spec === 'object' && props.spec.style === 'range' && (
          <RangeOptions spec={props.spec} onChange={props.onChange} />
        )}
      </div>
      <div className="bld-sample">
        <label>
          <span>{tx('sample')}</span>
          <input data-testid="mask-sample-input" value={sample} onChange={(e) => setSample(e.target.value)} />
        </label>
        <span className="bld-arrow" aria-hidden="true">
          →
        </span>
        <div>
          <span className="muted small">{tx('sampleShows')}</span>
          <output data-testid="mask-sample-output" className="bld-sample-out">
            {shown === null || shown === undefined ? '—' : String(shown)}
          </output>
        </div>
      </div>
      {!fits && <p className="bld-warn small">{tx('maskUnfit')}</p>}
    </fieldset>
  );
}

function RangeOptions({
  spec,
  onChange,
}: {
  spec: RangeMask;
  onChange: (spec: MaskSpec, typing: boolean) => void;
}) {
  const tx = useBuilderText();
  const [text, setText] = useState(spec.bounds.join(', '));
  // Undo / redo change the bounds from outside: show them, unless they are what the box already says.
  useEffect(
    () =>
      setText((current) =>
        parseBounds(current)?.join() === spec.bounds.join() ? current : spec.bounds.join(', '),
      ),
    [spec.bounds],
  );
  const commit = (raw: string) => {
    setText(raw);
    const bounds = parseBounds(raw);
    if (bounds) onChange({ ...spec, bounds }, true);
  };
  return (
    <>
      <label>
        <span>{tx('bounds')}</span>
        <input data-testid="mask-bounds" value={text} onChange={(e) => commit(e.target.value)} />
      </label>
      <label>
        <span>{tx('unit')}</span>
        <input
          data-testid="mask-unit"
          value={spec.unit ?? ''}
          onChange={(e) => {
            const { unit: _unit, ...rest } = spec;
            onChange(e.target.value === '' ? rest : { ...rest, unit: e.target.value }, true);
          }}
        />
      </label>
    </>
  );
}

function parseBounds(raw: string): number[] | null {
  const bounds = raw
    .split(/[,，\s]+/)
    .filter((s) => s !== '')
    .map(Number);
  if (bounds.length === 0 || bounds.some((n) => !Number.isFinite(n))) return null;
  return [...new Set(bounds)].sort((a, b) => a - b);
}
