import { type FormEvent, useState } from 'react';
import { api, type Department, type UserRow } from '../api/api.js';
import { errorMessage } from '../api/trpc.js';
import { useI18n } from '../app/i18n.js';
import { listSeparator } from '../app/labels.js';
import { type DepartmentNode, orderDepartments } from './orderDepartments.js';

/** The department tree (members and managers per department) and a form to add a department. */
export function DepartmentPanel({
  departments,
  users,
  onCreated,
}: {
  departments: Department[];
  users: UserRow[];
  onCreated: (text: string) => void;
}) {
  const { t, locale } = useI18n();
  const nodes = orderDepartments(departments, locale);
  return (
    <div className="card">
      <h2>{t('users.departments')}</h2>
      {nodes.length === 0 ? (
        <p className="muted small">{t('departments.none')}</p>
      ) : (
        <DepartmentBranch nodes={nodes} from={0} depth={0} users={users} />
      )}
      <CreateDepartment nodes={nodes} onCreated={onCreated} />
    </div>
  );
}

/** The nodes at `depth` from `from` on, until the list climbs back above it; each with its subtree. */
function DepartmentBranch({
  nodes,
  from,
  depth,
  users,
}: {
  nodes: DepartmentNode[];
  from: number;
  depth: number;
  users: UserRow[];
}) {
  const { t, locale } = useI18n();
  const items: number[] = [];
  for (let i = from; i < nodes.length && nodes[i]!.depth >= depth; i += 1) {
    if (nodes[i]!.depth === depth) items.push(i);
  }
  return (
    <ul className={depth === 0 ? 'tree' : undefined}>
      {items.map((i) => {
        const { department } = nodes[i]!;
        const members = users.filter((u) => u.active && u.departmentId === department.id);
        const managers = users.filter((u) => u.active && u.managedDepartmentIds?.includes(department.id));
        const hasChildren = nodes[i + 1] !== undefined && nodes[i + 1]!.depth > depth;
        return (
          <li key={department.id} data-department={department.name}>
            <span className="tree-node">
              <strong>{department.name}</strong>
              <span className="muted small"> · {t('users.members', { n: members.length })}</span>
            </span>
            {managers.length > 0 && (
              <div className="muted small">
                {t('users.manages')}: {managers.map((m) => m.name).join(listSeparator(locale))}
              </div>
            )}
            {hasChildren && <DepartmentBranch nodes={nodes} from={i + 1} depth={depth + 1} users={users} />}
          </li>
        );
      })}
    </ul>
  );
}

/** Options for a department select, indented by depth so the tree shows in the list. */
export function departmentOptions(nodes: DepartmentNode[]) {
  return nodes.map(({ department, depth }) => (
    <option key={department.id} value={department.id}>
      {`${'\u3000'.repeat(depth)}${depth > 0 ? '└ ' : ''}${department.name}`}
    </option>
  ));
}

function CreateDepartment({
  nodes,
  onCreated,
}: {
  nodes: DepartmentNode[];
  onCreated: (text: string) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await api.createDepartment(name.trim(), parentId || null);
      setName('');
      onCreated(t('departments.created', { name: created.name }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack create-department" onSubmit={submit}>
      <h3>{t('departments.create')}</h3>
      <label>
        {t('departments.name')}
        <input
          name="departmentName"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
        />
      </label>
      <label>
        {t('departments.parent')}
        <select name="departmentParent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <option value="">{t('departments.top')}</option>
          {departmentOptions(nodes)}
        </select>
      </label>
      {error && <p className="error small">{error}</p>}
      <button type="submit" disabled={busy || name.trim() === ''}>
        + {t('departments.create')}
      </button>
    </form>
  );
}
