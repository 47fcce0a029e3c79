import type { Level } from '@veil/schema';
import { memo } from 'react';
import { useBuilderText } from './builderText.js';
import type { FieldTypeId } from './fieldTypes.js';

/** One row of the field list, as plain values: equal props ⇒ the same markup, so React skips it. */
export interface FieldListRowProps {
  /** Schema path of the field (also the row's test id suffix). */
  path: string;
  depth: number;
  key_: string;
  title: string;
  /** Type label key suffix (`type.<typeKey>`). */
  typeKey: FieldTypeId;
  container: boolean;
  isOwner: boolean;
  selected: boolean;
  /** Resolved level, when the template parses. */
  level: Level | undefined;
  /** Where the level came from (`looks-personal` draws the guess outline). */
  source: string | undefined;
  /** Unacknowledged lint findings on the field. */
  findings: number;
  /** Position in a virtual list, and its stable measuring ref (only when the list is virtual). */
  index?: number | undefined;
  measure?: ((el: Element | null) => void) | undefined;
  /** Stable across renders (the row is memoised on its props). */
  onSelect: (path: string) => void;
}

/** A field-list row; an edit re-renders only the rows whose values it changed. */
export const FieldListRow = memo(function FieldListRow(props: FieldListRowProps) {
  const tx = useBuilderText();
  const { path, level } = props;
  return (
    <li
      ref={props.measure}
      data-index={props.index}
      className={`bld-field-row${props.selected ? ' selected' : ''}`}
      style={{ paddingLeft: `${0.5 + props.depth * 1.1}rem` }}
    >
      <button
        type="button"
        className="bld-field-pick"
        data-testid={`field-row-${path}`}
        aria-pressed={props.selected}
        onClick={() => props.onSelect(path)}
      >
        <span className="bld-field-title">
          {props.container ? '▸ ' : ''}
          {props.title}
        </span>
        <span className="bld-field-meta">
          <code>{props.key_}</code> · {tx(`type.${props.typeKey}`)}
          {props.isOwner && <> · {tx('tplOwner')}</>}
        </span>
      </button>
      {level && (
        <span
          className={`level level-${level}${props.source === 'looks-personal' ? ' bld-guess' : ''}`}
          title={props.source}
        >
          {tx(`level.${level}`)}
        </span>
      )}
      {props.findings > 0 && (
        <span className="bld-finding-dot" title={`${props.findings} ${tx('lint')}`}>
          {props.findings}
        </span>
      )}
    </li>
  );
});
