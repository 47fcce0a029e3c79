import type { Template } from '@veil/schema';
import { useState } from 'react';
import { useBuilderText } from './builderText.js';
import { importJsonSchema } from './importJsonSchema.js';

/** Paste a plain JSON Schema (or a whole template) to start a new template from it. */
export function ImportPanel(props: { onImported: (template: Template) => void; onCancel: () => void }) {
  const tx = useBuilderText();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card bld-import"
      data-testid="import-panel"
      onSubmit={(e) => {
        e.preventDefault();
        const result = importJsonSchema(text, `imported-${Date.now().toString(36)}`);
        if (result.status === 'ok') props.onImported(result.template);
        else setError(result.reason === 'json' ? tx('importJson') : tx('importShape'));
      }}
    >
      <p className="muted small">{tx('importHint')}</p>
      <textarea
        data-testid="import-json"
        rows={8}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      <div className="bld-row-actions">
        <button type="submit" className="primary" data-testid="import-submit" disabled={text.trim() === ''}>
          {tx('importDo')}
        </button>
        <button type="button" onClick={props.onCancel}>
          ✕
        </button>
      </div>
    </form>
  );
}
