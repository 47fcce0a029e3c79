import {
  BASES,
  CATEGORIES,
  EXPORT_RULES,
  LEVELS,
  type Level,
  type RetentionAction,
  type SanitizedField,
  type Template,
  type WorkspacePolicy,
  type XPrivacy,
} from '@veil/schema';
import { useI18n } from '../app/i18n.js';
import { labelOf } from '../app/labels.js';
import { AccessMatrix, EditMatrix } from './AccessMatrix.js';
import { useBuilderText } from './builderText.js';
import { MaskEditor } from './MaskEditor.js';
import { listFields, nodeAt } from './schemaPaths.js';
import { setPrivacy } from './templateOps.js';

const ACTIONS: readonly RetentionAction[] = ['anonymize', 'delete', 'archive'];

/** Tri-state for booleans: unset (the default applies), on, off. */
function TriState(props: {
  testId: string;
  label: string;
  value: boolean | undefined;
  resolved: boolean | undefined;
  onChange: (value: boolean | undefined) => void;
}) {
  const tx = useBuilderText();
  const shown = props.resolved === undefined ? '?' : props.resolved ? tx('on') : tx('off');
  return (
    <label>
      <span>{props.label}</span>
      <select
        data-testid={props.testId}
        value={props.value === undefined ? '' : String(props.value)}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
      >
        <option value="">{tx('defaultOpt', { value: shown })}</option>
        <option value="true">{tx('on')}</option>
        <option value="false">{tx('off')}</option>
      </select>
    </label>
  );
}

/** Every `x-privacy` key of the selected field, with the value that currently applies beside each default. */
export function AnnotationPanel(props: {
  template: Template;
  path: string;
  policy: WorkspacePolicy;
  field: SanitizedField | undefined;
  edit: (recipe: (draft: Template) => void, group?: string) => void;
}) {
  const tx = useBuilderText();
  const { locale, t } = useI18n();
  const { template, path, policy, field } = props;
  const node = nodeAt(template.schema, path);
  if (!node) return null;
  const xp: XPrivacy = node['x-privacy'] ?? {};
  const resolved = field?.privacy;
  const set = <K extends keyof XPrivacy>(key: K, value: XPrivacy[K] | undefined, group?: string) =>
    props.edit((d) => setPrivacy(d, path, key, value), group);
  const level: Level = xp.level ?? resolved?.level ?? 'internal';
  const dateFields = listFields(template.schema).filter(
    (r) => r.node.format === 'date' || r.node.format === 'date-time',
  );
  /** A retention anchor by name: the record's dates, or a date field by its title. */
  const anchorTitle = (after: string): string => {
    if (after === 'createdAt' || after === 'updatedAt') return tx(`anchor.${after}`);
    const node = nodeAt(template.schema, after);
    if (!node) return after;
    return (locale === 'en' ? node['x-i18n']?.en?.title : undefined) ?? node.title ?? after;
  };
  const purposeTitle = (id: string) => {
    const p = policy.purposes.find((x) => x.id === id);
    return (p?.i18n?.[locale]?.title ?? p?.title ?? id) as string;
  };

  return (
    <section className="bld-section" data-testid="annotation-panel">
      <h3>
        {tx('privacy')}
        {field?.source === 'looks-personal' && (
          <span className="bld-warn small"> · {tx('looksPersonal')}</span>
        )}
      </h3>
      <div className="bld-grid3">
        <label>
          <span>{tx('level')}</span>
          <select
            data-testid="privacy-level"
            className={`level-select level-${level}`}
            value={xp.level ?? ''}
            onChange={(e) => set('level', e.target.value === '' ? undefined : (e.target.value as Level))}
          >
            <option value="">
              {tx('defaultOpt', { value: resolved ? tx(`level.${resolved.level}`) : '?' })}
            </option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {tx(`level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{tx('purpose')}</span>
          <select
            data-testid="privacy-purpose"
            value={xp.purpose ?? ''}
            onChange={(e) => set('purpose', e.target.value === '' ? undefined : e.target.value)}
          >
            <option value="">
              {tx('defaultOpt', { value: resolved?.purpose ? purposeTitle(resolved.purpose) : tx('none') })}
            </option>
            {policy.purposes.map((p) => (
              <option key={p.id} value={p.id}>
                {purposeTitle(p.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{tx('basis')}</span>
          <select
            data-testid="privacy-basis"
            value={xp.basis ?? ''}
            onChange={(e) =>
              set('basis', e.target.value === '' ? undefined : (e.target.value as (typeof BASES)[number]))
            }
          >
            <option value="">
              {tx('defaultOpt', {
                value: resolved?.basis ? labelOf(t, 'basis', resolved.basis) : tx('none'),
              })}
            </option>
            {BASES.map((b) => (
              <option key={b} value={b}>
                {labelOf(t, 'basis', b)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="bld-fieldset">
        <legend>{tx('categories')}</legend>
        <div className="bld-chips">
          {CATEGORIES.map((c) => {
            const on = (xp.categories ?? []).includes(c);
            const inherited = !xp.categories && resolved?.categories.includes(c);
            return (
              <label key={c} className={`bld-chip${on ? ' on' : ''}${inherited ? ' inherited' : ''}`}>
                <input
                  type="checkbox"
                  data-testid={`privacy-category-${c}`}
                  checked={on || inherited === true}
                  onChange={(e) => {
                    const current = new Set(xp.categories ?? resolved?.categories ?? []);
                    if (e.target.checked) current.add(c);
                    else current.delete(c);
                    const list = CATEGORIES.filter((x) => current.has(x));
                    set('categories', list.length > 0 ? list : undefined);
                  }}
                />
                {labelOf(t, 'category', c)}
              </label>
            );
          })}
        </div>
      </fieldset>
      <MaskEditor
        spec={xp.mask}
        field={field}
        onChange={(mask, typing) => set('mask', mask, typing ? `mask:${path}` : undefined)}
      />
      <AccessMatrix
        policy={policy}
        level={level}
        access={xp.access}
        field={field}
        onChange={(access) => set('access', access)}
      />
      <EditMatrix policy={policy} edit={xp.edit} field={field} onChange={(edit) => set('edit', edit)} />
      <div className="bld-grid3">
        <label>
          <span>{tx('export')}</span>
          <select
            data-testid="privacy-export"
            value={xp.export ?? ''}
            onChange={(e) =>
              set(
                'export',
                e.target.value === '' ? undefined : (e.target.value as (typeof EXPORT_RULES)[number]),
              )
            }
          >
            <option value="">
              {tx('defaultOpt', { value: resolved ? labelOf(t, 'export', resolved.export) : '?' })}
            </option>
            {EXPORT_RULES.map((r) => (
              <option key={r} value={r}>
                {labelOf(t, 'export', r)}
              </option>
            ))}
          </select>
        </label>
        <TriState
          testId="privacy-encrypt"
          label={tx('encrypt')}
          value={xp.encrypt}
          resolved={resolved?.encrypt}
          onChange={(v) => set('encrypt', v)}
        />
        <label>
          <span>{tx('search')}</span>
          <select
            data-testid="privacy-search"
            value={xp.search ?? ''}
            onChange={(e) =>
              set('search', e.target.value === '' ? undefined : (e.target.value as 'none' | 'exact'))
            }
          >
            <option value="">
              {tx('defaultOpt', { value: resolved ? tx(`search.${resolved.search}`) : '?' })}
            </option>
            <option value="none">{tx('search.none')}</option>
            <option value="exact">{tx('search.exact')}</option>
          </select>
        </label>
        <TriState
          testId="privacy-scan"
          label={tx('scan')}
          value={xp.scan}
          resolved={resolved?.scan}
          onChange={(v) => set('scan', v)}
        />
      </div>
      <fieldset className="bld-fieldset" data-testid="retention-editor">
        <legend>{tx('retention')}</legend>
        <div className="bld-grid3">
          <label>
            <span>{tx('days')}</span>
            <input
              type="number"
              min={1}
              data-testid="retention-days"
              placeholder={resolved?.retention ? String(resolved.retention.days) : ''}
              value={xp.retention?.days ?? ''}
              onChange={(e) => {
                const days = Number(e.target.value);
                if (e.target.value === '') return set('retention', undefined);
                if (!Number.isFinite(days) || days < 1) return;
                set(
                  'retention',
                  {
                    days,
                    after: xp.retention?.after ?? 'updatedAt',
                    action: xp.retention?.action ?? 'anonymize',
                  },
                  `retention:${path}`,
                );
              }}
            />
          </label>
          <label>
            <span>{tx('after')}</span>
            <select
              data-testid="retention-after"
              disabled={!xp.retention}
              value={xp.retention?.after ?? ''}
              onChange={(e) => xp.retention && set('retention', { ...xp.retention, after: e.target.value })}
            >
              {!xp.retention && (
                <option value="">
                  {resolved?.retention ? anchorTitle(resolved.retention.after) : tx('none')}
                </option>
              )}
              <option value="createdAt">{tx('anchor.createdAt')}</option>
              <option value="updatedAt">{tx('anchor.updatedAt')}</option>
              {dateFields.map((r) => (
                <option key={r.path} value={r.path}>
                  {anchorTitle(r.path)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{tx('action')}</span>
            <select
              data-testid="retention-action"
              disabled={!xp.retention}
              value={xp.retention?.action ?? ''}
              onChange={(e) =>
                xp.retention &&
                set('retention', { ...xp.retention, action: e.target.value as RetentionAction })
              }
            >
              {!xp.retention && (
                <option value="">
                  {resolved?.retention ? labelOf(t, 'retention', resolved.retention.action) : tx('none')}
                </option>
              )}
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {labelOf(t, 'retention', a)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
    </section>
  );
}
