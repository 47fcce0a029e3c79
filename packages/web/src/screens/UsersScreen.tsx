import type { RoleDefinition } from '@veil/schema';
import { type FormEvent, useState } from 'react';
import { api, type Department } from '../api/api.js';
import { errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { useLoad } from '../app/useLoad.js';
import { forgetPeople } from '../app/usePeople.js';
import { Loaded } from '../components/Status.js';
import { DepartmentPanel, departmentOptions } from '../users/DepartmentPanel.js';
import { orderDepartments } from '../users/orderDepartments.js';
import { RoleChecks } from '../users/RoleChecks.js';
import { UserCard } from '../users/UserCard.js';

/** Users and the department tree: create, change roles and department, deactivate with a successor. */
export function UsersScreen() {
  const { t, locale } = useI18n();
  const data = useLoad(async () => {
    const [users, departments, policy] = await Promise.all([api.users(), api.departments(), api.policy()]);
    return { users, departments, roles: policy.roles };
  }, []);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (text: string) => {
    setNotice(text);
    forgetPeople();
    data.reload();
  };
  return (
    <section className="users">
      <div className="screen-head">
        <h1>{t('users.title')}</h1>
      </div>
      {notice && (
        <p className="notice" role="status" data-testid="users-notice">
          {notice}
        </p>
      )}
      <Loaded load={data}>
        {({ users, departments, roles }) => {
          const sorted = [...users].sort(
            (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, locale),
          );
          return (
            <div className="two-col">
              <div>
                <DepartmentPanel departments={departments} users={users} onCreated={done} />
              </div>
              <div>
                <ul className="card user-list" data-testid="user-list">
                  {sorted.map((u) => (
                    <UserCard
                      key={u.id}
                      user={u}
                      users={users}
                      departments={departments}
                      roles={roles}
                      onDone={done}
                    />
                  ))}
                </ul>
                <CreateUser departments={departments} roles={roles} onCreated={done} />
              </div>
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}

const EMPTY = { login: '', name: '', password: '' };

function CreateUser({
  departments,
  roles,
  onCreated,
}: {
  departments: Department[];
  roles: RoleDefinition[];
  onCreated: (text: string) => void;
}) {
  const { t, locale } = useI18n();
  const nodes = orderDepartments(departments, locale);
  const [form, setForm] = useState(EMPTY);
  const [departmentId, setDepartmentId] = useState('');
  const [picked, setPicked] = useState<string[]>(['rep']);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (picked.length === 0) {
      setError(t('users.pickRole'));
      return;
    }
    try {
      const created = await api.createUser({ ...form, departmentId: departmentId || null, roles: picked });
      setForm(EMPTY);
      onCreated(t('users.created', { name: created.name }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form className="card stack create-user" onSubmit={submit}>
      <h2>{t('users.create')}</h2>
      <div className="form-pair">
        <label>
          {t('users.name')}
          <input
            name="name"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            required
            maxLength={100}
          />
        </label>
        <label>
          {t('users.login')}
          <input
            name="login"
            autoComplete="off"
            value={form.login}
            onChange={(e) => setForm({ ...form, login: e.target.value.toLowerCase() })}
            required
            pattern="[a-z0-9][a-z0-9._\-]{1,63}"
          />
        </label>
      </div>
      <label>
        {t('users.department')}
        <select name="department" value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
          <option value="">{t('users.noDepartment')}</option>
          {departmentOptions(nodes)}
        </select>
      </label>
      <RoleChecks roles={roles} picked={picked} onChange={setPicked} />
      <label>
        {t('users.password')}
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          required
          minLength={10}
        />
      </label>
      {error && <p className="error">{error}</p>}
      <button type="submit" className="primary">
        {t('users.create')}
      </button>
    </form>
  );
}
