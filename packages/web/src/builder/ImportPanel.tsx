import type { Template, WorkspacePolicy } from '@veil/schema';
import { useState } from 'react';
import { useBuilderText } from './builderText.js';
import { type ImportReport, importJsonSchema } from './importJsonSchema.js';

/** Paste a JSON Schema of any draft (or a whole template) to start a new template from it. */
export function ImportPanel(props: {
  onImported: (template: Template, report: ImportReport) => void;
  onCancel: () => void;
  /** The workspace policy, for the parser's warnings in the report (when loaded). */
  policy?: WorkspacePolicy | undefined;
}) {
  const tx = useBuilderText();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card bld-import"
      data-testid="import-panel"
      onSubmit={(e) => {
        e.preventDefault();
        const result = importJsonSchema(text, `imported-${Date.now().toString(36)}`, props.policy);
        if (result.status === 'ok') props.onImported(result.template, result.report);
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
