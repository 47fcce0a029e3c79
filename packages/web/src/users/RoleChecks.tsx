import type { RoleDefinition } from '@veil/schema';
import { useI18n } from '../app/i18n.js';
import { labelOf, roleLabel } from '../app/labels.js';

/** A checkbox per workspace role, labelled in the user's language, with what the role sees. */
export function RoleChecks({
  roles,
  picked,
  onChange,
}: {
  roles: RoleDefinition[];
  picked: string[];
  onChange: (next: string[]) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <fieldset className="roles">
      <legend>{t('users.roles')}</legend>
      {roles.map((r) => (
        <label key={r.id} className="inline" title={labelOf(t, 'rowScope', r.rowScope)}>
          <input
            type="checkbox"
            name="role"
            value={r.id}
            checked={picked.includes(r.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...picked, r.id] : picked.filter((x) => x !== r.id))
            }
          />
          {roleLabel(t, locale, r.id, roles)}
        </label>
      ))}
    </fieldset>
  );
}
