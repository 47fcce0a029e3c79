import type { Template } from '@veil/schema';
import { memo, useEffect, useState } from 'react';
import { useBuilderText } from './builderText.js';
import { FIELD_TYPES, type FieldTypeId, fieldTypeOf, STRING_FORMATS } from './fieldTypes.js';
import { joinPath, nodeAt, splitPath } from './schemaPaths.js';
import { renameField, setFieldType, setKeyword, setRequired, setTitle, uiNodeOf } from './templateOps.js';

export interface FieldEditorProps {
  template: Template;
  path: string;
  edit: (recipe: (draft: Template) => void, group?: string) => void;
  onRenamed: (path: string) => void;
}

/**
 * The basics of the selected field: key, type, titles in both languages, required, format, choices.
 * Memoised: its props are the template, the path and stable callbacks, so the builder's deferred
 * re-render (a new parse of the same template) skips it.
 */
export const FieldEditor = memo(function FieldEditor({ template, path, edit, onRenamed }: FieldEditorProps) {
  const tx = useBuilderText();
  const node = nodeAt(template.schema, path);
  const segments = splitPath(path);
  const key = segments.at(-1) ?? '';
  const parent = nodeAt(template.schema, joinPath(segments.slice(0, -1)));
  const [keyDraft, setKeyDraft] = useState(key);
  useEffect(() => setKeyDraft(key), [key]);
  if (!node) return null;
  const type = fieldTypeOf(node, uiNodeOf(template, path));
  const required = parent?.required?.includes(key) ?? false;
  const commitKey = () => {
    const next = keyDraft.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(next) || next === key) {
      setKeyDraft(key);
      return;
    }
    const nextPath = joinPath([...segments.slice(0, -1), next]);
    edit((d) => {
      renameField(d, path, next);
    });
    onRenamed(nextPath);
  };

  return (
    <section className="bld-section" data-testid="field-editor">
      <div className="bld-grid2">
        <label>
          <span>{tx('key')}</span>
          <input
            data-testid="field-key"
            value={keyDraft}
            onChange={(e) => setKeyDraft(e.target.value)}
            onBlur={commitKey}
            onKeyDown={(e) => e.key === 'Enter' && commitKey()}
          />
        </label>
        <label>
          <span>{tx('type')}</span>
          <select
            data-testid="field-type"
            value={type}
            onChange={(e) => edit((d) => setFieldType(d, path, e.target.value as FieldTypeId))}
          >
            {FIELD_TYPES.map((t) => (
              <option key={t.id} value={t.id}>
                {tx(`type.${t.id}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{tx('titleZh')}</span>
          <input
            data-testid="field-title-zh"
            value={node.title ?? ''}
            onChange={(e) => {
              const text = e.target.value;
              edit((d) => setTitle(d, path, 'zh-CN', text), `title-zh:${path}`);
            }}
          />
        </label>
        <label>
          <span>{tx('titleEn')}</span>
          <input
            data-testid="field-title-en"
            value={node['x-i18n']?.en?.title ?? ''}
            onChange={(e) => {
              const text = e.target.value;
              edit((d) => setTitle(d, path, 'en', text), `title-en:${path}`);
            }}
          />
        </label>
        {type === 'string' && (
          <label>
            <span>{tx('format')}</span>
            <select
              data-testid="field-format"
              value={typeof node.format === 'string' ? node.format : ''}
              onChange={(e) => {
                const value = e.target.value;
                edit((d) => setKeyword(d, path, 'format', value));
              }}
            >
              <option value="">{tx('none')}</option>
              {STRING_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {tx(`format.${f}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="bld-check">
          <input
            type="checkbox"
            data-testid="field-required"
            checked={required}
            disabled={template.owner === path}
            onChange={(e) => {
              const on = e.target.checked;
              edit((d) => setRequired(d, path, on));
            }}
          />
          <span>{tx('required')}</span>
        </label>
      </div>
      {type === 'enum' && (
        <label>
          <span>{tx('enumValues')}</span>
          <textarea
            data-testid="field-enum"
            rows={3}
            value={(node.enum ?? []).map(String).join('\n')}
            onChange={(e) => {
              const values = e.target.value.split('\n');
              edit((d) => setKeyword(d, path, 'enum', values), `enum:${path}`);
            }}
          />
        </label>
      )}
    </section>
  );
});
