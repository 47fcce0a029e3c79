import { type FormEvent, useState } from 'react';
import { api, type Department, type UserRow } from '../api/api.js';
import { errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';

/** Users and the department tree: create, assign roles, deactivate with a successor. */
export function UsersScreen() {
  const { t } = useI18n();
  const data = useLoad(async () => ({ users: await api.users(), departments: await api.departments() }), []);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="users">
      <div className="screen-head">
        <h1>{t('users.title')}</h1>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Loaded load={data}>
        {({ users, departments }) => (
          <div className="two-col">
            <div className="card">
              <h2>{t('users.departments')}</h2>
              <DepartmentTree departments={departments} users={users} parent={null} />
            </div>
            <div>
              <div className="card">
                <table className="grid">
                  <thead>
                    <tr>
                      <th>{t('users.name')}</th>
                      <th>{t('users.roles')}</th>
                      <th>{t('users.department')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {users.map((u) => (
                      <UserLine
                        key={u.id}
                        user={u}
                        users={users}
                        departments={departments}
                        onDone={(text) => {
                          setNotice(text);
                          data.reload();
                        }}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              <CreateUser
                departments={departments}
                onCreated={(text) => {
                  setNotice(text);
                  data.reload();
                }}
              />
            </div>
          </div>
        )}
      </Loaded>
    </section>
  );
}

function DepartmentTree({
  departments,
  users,
  parent,
}: {
  departments: Department[];
  users: UserRow[];
  parent: string | null;
}) {
  const { t } = useI18n();
  const children = departments.filter((d) => (d.parentId ?? null) === parent);
  if (children.length === 0) return null;
  return (
    <ul className="tree">
      {children.map((d) => {
        const managers = users.filter((u) => u.managedDepartmentIds?.includes(d.id));
        return (
          <li key={d.id}>
            <strong>{d.name}</strong>
            <span className="muted small">
              {' '}
              · {users.filter((u) => u.departmentId === d.id).length}
              {managers.length > 0 && ` · ${t('users.manages')}: ${managers.map((m) => m.name).join(', ')}`}
            </span>
            <DepartmentTree departments={departments} users={users} parent={d.id} />
          </li>
        );
      })}
    </ul>
  );
}

function UserLine({
  user,
  users,
  departments,
  onDone,
}: {
  user: UserRow;
  users: UserRow[];
  departments: Department[];
  onDone: (text: string) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [successor, setSuccessor] = useState('');
  const [error, setError] = useState<string | null>(null);
  const department = departments.find((d) => d.id === user.departmentId);
  const deactivate = async () => {
    try {
      await api.deactivateUser(user.id, successor);
      setOpen(false);
      onDone(t('users.deactivated'));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <tr className={user.active ? '' : 'inactive'}>
      <td>
        {user.name} <code className="small">{user.login ?? user.id}</code>
      </td>
      <td>{user.roles.join(', ')}</td>
      <td>{department?.name ?? '—'}</td>
      <td>
        {!user.active ? (
          <span className="muted small">{t('users.inactive')}</span>
        ) : open ? (
          <span className="inline-form">
            <select
              aria-label={t('users.successor')}
              value={successor}
              onChange={(e) => setSuccessor(e.target.value)}
            >
              <option value="">{t('users.successor')}…</option>
              {users
                .filter((u) => u.active && u.id !== user.id)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
            <button type="button" className="danger" disabled={!successor} onClick={() => void deactivate()}>
              {t('users.deactivate')}
            </button>
            <button type="button" className="link" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
            {error && <span className="error small">{error}</span>}
          </span>
        ) : (
          <button type="button" className="link" onClick={() => setOpen(true)}>
            {t('users.deactivate')}
          </button>
        )}
      </td>
    </tr>
  );
}

const ROLES = ['rep', 'manager', 'admin', 'compliance', 'partner'];

function CreateUser({
  departments,
  onCreated,
}: {
  departments: Department[];
  onCreated: (text: string) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    login: '',
    name: '',
    departmentId: departments[0]?.id ?? '',
    password: '',
  });
  const [roles, setRoles] = useState<string[]>(['rep']);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.createUser({ ...form, roles });
      setForm({ login: '', name: '', departmentId: form.departmentId, password: '' });
      onCreated(`${t('users.create')}: ${form.name}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form className="card stack" onSubmit={submit}>
      <h2>{t('users.create')}</h2>
      <label>
        {t('users.id')}
        <input value={form.login} onChange={(e) => setForm({ ...form, login: e.target.value })} required />
      </label>
      <label>
        {t('users.name')}
        <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
      </label>
      <label>
        {t('users.department')}
        <select
          value={form.departmentId}
          onChange={(e) => setForm({ ...form, departmentId: e.target.value })}
        >
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="roles">
        <legend>{t('users.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="inline">
            <input
              type="checkbox"
              checked={roles.includes(r)}
              onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
            />
            {r}
          </label>
        ))}
      </fieldset>
      <label>
        {t('users.password')}
        <input
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          required
          minLength={8}
        />
      </label>
      {error && <p className="error">{error}</p>}
      <button type="submit" className="primary">
        {t('users.create')}
      </button>
    </form>
  );
}
