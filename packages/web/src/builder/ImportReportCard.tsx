import { describeMigrationChange, describeParseWarning, summarizeMigration } from '@veil/schema';
import { useI18n } from '../app/i18n.js';
import { useBuilderText } from './builderText.js';
import type { ImportReport } from './importJsonSchema.js';

/** What an import rewrote and what the parser warns about, in the admin's language. */
export function ImportReportCard(props: { report: ImportReport; onClose: () => void }) {
  const tx = useBuilderText();
  const { locale } = useI18n();
  const { changes, warnings } = props.report;
  if (changes.length === 0 && warnings.length === 0) return null;
  return (
    <section className="card bld-import-report" data-testid="import-report" aria-live="polite">
      {changes.length > 0 && (
        <>
          <p data-testid="import-summary">
            <strong>{tx('importChanges', { n: changes.length })}</strong>
          </p>
          <ul data-testid="import-changes" title={summarizeMigration(changes, locale)}>
            {changes.map((c) => (
              <li key={`${c.code}${c.path}${c.message}`}>{describeMigrationChange(c, locale)}</li>
            ))}
          </ul>
        </>
      )}
      {warnings.length > 0 && (
        <>
          <p>
            <strong>{tx('importWarnings', { n: warnings.length })}</strong>
          </p>
          <ul data-testid="import-warnings">
            {warnings.map((w) => (
              <li key={`${w.code}${w.path}${w.message}`}>{describeParseWarning(w, locale)}</li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={props.onClose}>
        {tx('importReportClose')}
      </button>
    </section>
  );
}
