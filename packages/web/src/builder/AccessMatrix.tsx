import {
  type AccessLevel,
  type AccessMap,
  type Level,
  RELATIONS,
  type Relation,
  type SanitizedField,
  type WorkspacePolicy,
} from '@veil/schema';
import { useI18n } from '../app/i18n.js';
import { defaultAccess, editRelations, explicitEditMap, resolveAccessCell } from './accessDefaults.js';
import { useBuilderText } from './builderText.js';

const LEVELS_SHOWN: readonly AccessLevel[] = ['full', 'reveal', 'masked', 'hidden'];

function roleTitle(policy: WorkspacePolicy, id: string, locale: string): string {
  const role = policy.roles.find((r) => r.id === id);
  return (locale === 'en' ? role?.i18n?.en?.title : role?.title) ?? role?.title ?? id;
}

/**
 * Role × relation read access. A row without an entry of its own shows the inherited default
 * (greyed); choosing a value writes the whole row for that role id, the other cells keeping
 * what they showed.
 */
export function AccessMatrix(props: {
  policy: WorkspacePolicy;
  level: Level;
  access: AccessMap | undefined;
  field: SanitizedField | undefined;
  onChange: (access: AccessMap | undefined) => void;
}) {
  const tx = useBuilderText();
  const { locale } = useI18n();
  const { policy, access } = props;
  const cell = (
    roleId: string,
    relation: Relation,
  ): { value: AccessLevel; fallback: AccessLevel; own: boolean } => {
    const role = policy.roles.find((r) => r.id === roleId);
    if (!role) return { value: 'hidden', fallback: 'hidden', own: false };
    const fallback = defaultAccess(policy, props.level, access, role, relation);
    const own = access !== undefined && Object.hasOwn(access, roleId);
    const resolvedHere = props.field?.privacy.access[roleId]?.[relation];
    const value = own ? resolveAccessCell(access, role, relation) : (resolvedHere ?? fallback);
    return { value, fallback, own };
  };
  const setCell = (roleId: string, relation: Relation, level: AccessLevel) => {
    const row: Partial<Record<Relation, AccessLevel>> = {};
    for (const rel of RELATIONS) row[rel] = rel === relation ? level : cell(roleId, rel).value;
    props.onChange({ ...(access ?? {}), [roleId]: row });
  };
  const resetRow = (roleId: string) => {
    const { [roleId]: _dropped, ...rest } = access ?? {};
    props.onChange(Object.keys(rest).length > 0 ? rest : undefined);
  };

  return (
    <fieldset className="bld-fieldset" data-testid="access-matrix">
      <legend>{tx('access')}</legend>
      <p className="muted small">{tx('accessHint')}</p>
      <div className="bld-matrix-scroll">
        <table className="bld-matrix">
          <thead>
            <tr>
              <th />
              {RELATIONS.map((rel) => (
                <th key={rel}>{tx(`rel.${rel}`)}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {policy.roles.map((role) => {
              const own = access !== undefined && Object.hasOwn(access, role.id);
              return (
                <tr key={role.id} className={own ? 'own' : 'inherited'}>
                  <th scope="row">{roleTitle(policy, role.id, locale)}</th>
                  {RELATIONS.map((rel) => {
                    const c = cell(role.id, rel);
                    return (
                      <td key={rel}>
                        <select
                          data-testid={`access-${role.id}-${rel}`}
                          className={`bld-acc bld-acc-${c.value}`}
                          value={c.value}
                          title={tx('defaultOpt', { value: tx(`acc.${c.fallback}`) })}
                          onChange={(e) => setCell(role.id, rel, e.target.value as AccessLevel)}
                        >
                          {LEVELS_SHOWN.map((level) => (
                            <option key={level} value={level}>
                              {tx(`acc.${level}`)}
                              {level === c.fallback && c.own ? ` · ${tx('inherit')}` : ''}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  })}
                  <td>
                    {own && (
                      <button type="button" className="link small" onClick={() => resetRow(role.id)}>
                        {tx('reset')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** Role × relation write permission; a field's `edit` replaces the workspace default as a whole. */
export function EditMatrix(props: {
  policy: WorkspacePolicy;
  edit: Record<string, Relation[]> | undefined;
  field: SanitizedField | undefined;
  onChange: (edit: Record<string, Relation[]> | undefined) => void;
}) {
  const tx = useBuilderText();
  const { locale } = useI18n();
  const { policy } = props;
  const listed = (roleId: string): Relation[] => {
    const role = policy.roles.find((r) => r.id === roleId);
    return role ? editRelations(props.edit ?? policy.editDefault, role) : [];
  };
  const toggle = (roleId: string, relation: Relation, on: boolean) => {
    const map = explicitEditMap(policy, props.edit);
    const current = new Set(map[roleId] ?? []);
    if (on) current.add(relation);
    else current.delete(relation);
    map[roleId] = RELATIONS.filter((r) => current.has(r));
    props.onChange(map);
  };
  return (
    <fieldset className="bld-fieldset" data-testid="edit-matrix">
      <legend>{tx('edit')}</legend>
      <p className="muted small">{tx('editHint')}</p>
      <div className="bld-matrix-scroll">
        <table className="bld-matrix">
          <thead>
            <tr>
              <th />
              {RELATIONS.map((rel) => (
                <th key={rel}>{tx(`rel.${rel}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody className={props.edit ? 'own' : 'inherited'}>
            {policy.roles.map((role) => (
              <tr key={role.id}>
                <th scope="row">{roleTitle(policy, role.id, locale)}</th>
                {RELATIONS.map((rel) => {
                  const effective = props.field?.privacy.edit[role.id]?.[rel];
                  return (
                    <td key={rel}>
                      <input
                        type="checkbox"
                        data-testid={`edit-${role.id}-${rel}`}
                        checked={listed(role.id).includes(rel)}
                        onChange={(e) => toggle(role.id, rel, e.target.checked)}
                      />
                      {effective === false && listed(role.id).includes(rel) && (
                        <span className="muted small" title={tx('editHint')}>
                          {' '}
                          ✕
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.edit && (
        <button type="button" className="link small" onClick={() => props.onChange(undefined)}>
          {tx('reset')}
        </button>
      )}
    </fieldset>
  );
}
