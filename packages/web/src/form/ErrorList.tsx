import type { ErrorListProps } from '@rjsf/utils';
import type { JsonSchema } from '@veil/schema';
import { useI18n } from '../app/i18n.js';
import { errorField } from './errorFields.js';

/** Brings a field into view and puts the cursor in it. */
function jumpTo(id: string): void {
  const input = document.getElementById(id);
  if (!input) return;
  input.scrollIntoView({ block: 'center', behavior: 'smooth' });
  input.focus({ preventScroll: true });
}

/** The validation summary: each problem names its field by title and jumps to it when clicked. */
export function ErrorList({ errors, schema }: ErrorListProps) {
  const { t } = useI18n();
  return (
    <div className="panel panel-danger errors" role="alert" data-testid="form-errors">
      <h3 className="panel-title">{t('rjsf.errors')}</h3>
      <ul className="list-group">
        {errors.map((error) => {
          const field = errorField(schema as JsonSchema, error.property);
          return (
            <li
              key={`${error.property ?? ''}:${error.name ?? ''}:${error.message ?? ''}`}
              className="list-group-item text-danger"
            >
              <button type="button" className="link" onClick={() => jumpTo(field.id)}>
                {field.label ? `${field.label}: ` : ''}
                {error.message}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
