import type { RoleDefinition } from '@veil/schema';
import { useState } from 'react';
import { api, type Department, type UserRow } from '../api/api.js';
import { errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { listSeparator, roleLabel } from '../app/labels.js';
import { useSession } from '../app/session.js';
import { useLoad } from '../app/useLoad.js';
import { departmentOptions } from './DepartmentPanel.js';
import { orderDepartments } from './orderDepartments.js';
import { ResetPassword } from './ResetPassword.js';
import { RoleChecks } from './RoleChecks.js';

type Mode = 'view' | 'edit' | 'deactivate' | 'password';

/** One user: roles and department at a glance; change them, or deactivate with a successor. */
export function UserCard({
  user,
  users,
  departments,
  roles,
  onDone,
}: {
  user: UserRow;
  users: UserRow[];
  departments: Department[];
  roles: RoleDefinition[];
  onDone: (text: string) => void;
}) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const [mode, setMode] = useState<Mode>('view');
  const department = departments.find((d) => d.id === user.departmentId);
  const managed = departments.filter((d) => user.managedDepartmentIds?.includes(d.id));
  return (
    <li className={user.active ? 'user-card' : 'user-card inactive'} data-login={user.login}>
      <div className="user-head">
        <div>
          <strong>{user.name}</strong> <code className="small muted">{user.login}</code>
          {!user.active && <span className="chip chip-off">{t('users.inactive')}</span>}
          <div className="chips" data-testid="user-roles">
            {user.roles.map((r) => (
              <span key={r} className="chip" data-role={r}>
                {roleLabel(t, locale, r, roles)}
              </span>
            ))}
          </div>
          <div className="muted small">
            {department?.name ?? t('users.noDepartment')}
            {managed.length > 0 &&
              ` · ${t('users.manages')}: ${managed.map((d) => d.name).join(listSeparator(locale))}`}
          </div>
        </div>
        {user.active && mode === 'view' && (
          <div className="user-actions">
            <button type="button" onClick={() => setMode('edit')}>
              {t('users.edit')}
            </button>
            {user.id !== me.id && (
              <button type="button" className="link" onClick={() => setMode('password')}>
                {t('users.resetPassword')}
              </button>
            )}
            {/* Admins do not lock themselves out from here. */}
            {user.id !== me.id && (
              <button type="button" className="link danger-link" onClick={() => setMode('deactivate')}>
                {t('users.deactivate')}
              </button>
            )}
          </div>
        )}
      </div>
      {mode === 'edit' && (
        <EditUser
          user={user}
          departments={departments}
          roles={roles}
          onCancel={() => setMode('view')}
          onDone={(text) => {
            setMode('view');
            onDone(text);
          }}
        />
      )}
      {mode === 'password' && (
        <ResetPassword
          user={user}
          onCancel={() => setMode('view')}
          onDone={(text) => {
            setMode('view');
            onDone(text);
          }}
        />
      )}
      {mode === 'deactivate' && (
        <DeactivateUser
          user={user}
          users={users}
          onCancel={() => setMode('view')}
          onDone={(text) => {
            setMode('view');
            onDone(text);
          }}
        />
      )}
    </li>
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function EditUser({
  user,
  departments,
  roles,
  onCancel,
  onDone,
}: {
  user: UserRow;
  departments: Department[];
  roles: RoleDefinition[];
  onCancel: () => void;
  onDone: (text: string) => void;
}) {
  const { t, locale } = useI18n();
  const nodes = orderDepartments(departments, locale);
  const [picked, setPicked] = useState<string[]>(user.roles);
  const [departmentId, setDepartmentId] = useState(user.departmentId ?? '');
  const [manages, setManages] = useState<string[]>(user.managedDepartmentIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (picked.length === 0) {
      setError(t('users.pickRole'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (!sameSet(picked, user.roles)) await api.setRoles(user.id, picked);
      if ((departmentId || null) !== user.departmentId || !sameSet(manages, user.managedDepartmentIds ?? []))
        await api.setDepartment(user.id, departmentId || null, manages);
      onDone(t('users.rolesSaved', { name: user.name }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="user-edit stack" data-testid="user-edit">
      <RoleChecks roles={roles} picked={picked} onChange={setPicked} />
      <label>
        {t('users.department')}
        <select name="department" value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
          <option value="">{t('users.noDepartment')}</option>
          {departmentOptions(nodes)}
        </select>
      </label>
      {nodes.length > 0 && (
        <fieldset className="roles">
          <legend>{t('users.manager')}</legend>
          <p className="muted small hint">{t('users.managesHint')}</p>
          {nodes.map(({ department, depth }) => (
            <label key={department.id} className="inline" style={{ marginLeft: `${depth}rem` }}>
              <input
                type="checkbox"
                checked={manages.includes(department.id)}
                onChange={(e) =>
                  setManages(
                    e.target.checked
                      ? [...manages, department.id]
                      : manages.filter((id) => id !== department.id),
                  )
                }
              />
              {department.name}
            </label>
          ))}
        </fieldset>
      )}
      {error && <p className="error small">{error}</p>}
      <div className="inline-form">
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
          {t('users.save')}
        </button>
        <button type="button" className="link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

function DeactivateUser({
  user,
  users,
  onCancel,
  onDone,
}: {
  user: UserRow;
  users: UserRow[];
  onCancel: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useI18n();
  // Only people who may own customers (the server decides, and refuses anyone else); colleagues of
  // the same department first: the usual successor.
  const allowed = useLoad(() => api.successors(user.id), [user.id]);
  const allowedIds = new Set(allowed.status === 'ok' ? allowed.data.map((u) => u.id) : []);
  const candidates = users
    .filter((u) => u.active && allowedIds.has(u.id))
    .sort(
      (a, b) =>
        Number(b.departmentId === user.departmentId) - Number(a.departmentId === user.departmentId) ||
        a.name.localeCompare(b.name),
    );
  const [successor, setSuccessor] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const deactivate = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.deactivateUser(user.id, successor);
      const to = users.find((u) => u.id === successor)?.name ?? '';
      onDone(
        t('users.deactivatedCount', {
          name: user.name,
          n: result.reassigned,
          successor: to,
          s: result.sessionsRevoked,
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="user-edit stack" data-testid="user-deactivate">
      <p className="small">{t('users.deactivateHint')}</p>
      <label>
        {t('users.successor')}
        <select name="successor" value={successor} onChange={(e) => setSuccessor(e.target.value)}>
          <option value="">—</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error small">{error}</p>}
      <div className="inline-form">
        <button
          type="button"
          className="danger"
          disabled={!successor || busy}
          onClick={() => void deactivate()}
        >
          {t('users.deactivate')}
        </button>
        <button type="button" className="link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
