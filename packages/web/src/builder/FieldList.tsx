import type { SanitizedField, Template } from '@veil/schema';
import { useCallback, useMemo, useRef } from 'react';
import { useI18n } from '../app/i18n.js';
import { useBuilderText } from './builderText.js';
import { FieldRows } from './FieldRows.js';
import { type FieldRow, listFields } from './schemaPaths.js';
import { addField, moveField, nextFieldSlot, removeField, uiNodeOf } from './templateOps.js';

export interface FieldListProps {
  template: Template;
  edit: (recipe: (draft: Template) => void) => void;
  selected: string | null;
  onSelect: (path: string | null) => void;
  /** Resolved fields by path (when the template parses). */
  resolved: ReadonlyMap<string, SanitizedField>;
  /** Unacknowledged lint findings by field path. */
  findings: ReadonlyMap<string, number>;
}

/** The template's fields as an indented list: select, add, remove, reorder, nest. */
export function FieldList(props: FieldListProps) {
  const tx = useBuilderText();
  const { locale } = useI18n();
  const rows = useMemo(() => listFields(props.template.schema), [props.template.schema]);
  const selectedRow = rows.find((r) => r.path === props.selected);
  const titleOf = (row: FieldRow) =>
    (locale === 'en' ? row.node['x-i18n']?.en?.title : undefined) ?? row.node.title ?? row.key;

  // The rows are memoised: they get one select callback for the list's lifetime.
  const selectRef = useRef(props.onSelect);
  selectRef.current = props.onSelect;
  const onSelect = useCallback((path: string) => selectRef.current(path), []);

  const add = (into: string) => {
    const slot = nextFieldSlot(props.template, into);
    if (!slot) return;
    props.edit((draft) => {
      addField(draft, into, 'string', { zh: '新字段', en: 'New field' });
    });
    props.onSelect(slot.path);
  };

  return (
    <div className="bld-fields" data-testid="field-list">
      <h2>{tx('fields')}</h2>
      <FieldRows
        rows={rows}
        owner={props.template.owner}
        selected={props.selected}
        onSelect={onSelect}
        resolved={props.resolved}
        findings={props.findings}
        titleOf={titleOf}
        uiOf={(path) => uiNodeOf(props.template, path)}
      />
      {selectedRow && (
        <div className="bld-row-actions">
          <button
            type="button"
            data-testid="field-up"
            disabled={selectedRow.index === 0}
            title={tx('up')}
            aria-label={tx('up')}
            onClick={() => props.edit((d) => moveField(d, selectedRow.path, -1))}
          >
            ↑
          </button>
          <button
            type="button"
            data-testid="field-down"
            disabled={selectedRow.index === selectedRow.siblings - 1}
            title={tx('down')}
            aria-label={tx('down')}
            onClick={() => props.edit((d) => moveField(d, selectedRow.path, 1))}
          >
            ↓
          </button>
          <button
            type="button"
            data-testid="field-remove"
            className="bld-danger-text"
            disabled={props.template.owner === selectedRow.path}
            onClick={() => {
              props.edit((d) => removeField(d, selectedRow.path));
              props.onSelect(null);
            }}
          >
            {tx('remove')}
          </button>
        </div>
      )}
      <div className="bld-add">
        <button type="button" className="primary" data-testid="field-add" onClick={() => add('')}>
          + {tx('addField')}
        </button>
        {selectedRow?.container && (
          <button type="button" data-testid="field-add-inside" onClick={() => add(selectedRow.path)}>
            + {tx('addInside', { name: titleOf(selectedRow) })}
          </button>
        )}
      </div>
    </div>
  );
}
