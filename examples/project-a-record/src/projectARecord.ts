import { compilePolicy, createViewer, type Directory, type Keyring, type VeilRecord } from '@veil/policy';
import { parseTemplate, type Template, type WorkspacePolicy } from '@veil/schema';

/** Who sits where in this example: two reps in East. */
const directory: Directory = {
  parentOf: { sales: null, east: 'sales' },
  departmentOf: { 'rep-a': 'east', 'rep-b': 'east' },
};

/** Stand-in keyed functions; a real server derives them from its keys folder. */
const keys: Keyring = {
  hashToken: (value) => `h${value.length}`,
  blindIndex: (field, value) => `${field}:${value.length}`,
  auditRef: (id) => `ref:${id}`,
};

/** Parses `template`, then returns what the owner and a teammate each see of `record`. */
export function projectARecord(template: Template, policy: WorkspacePolicy, record: VeilRecord) {
  const parsed = parseTemplate(template, policy);
  if (parsed.status !== 'ok') throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const compiled = compilePolicy(parsed.template, policy, { keys, locale: 'zh-CN' });
  const as = (id: string) =>
    createViewer({ id, roles: ['rep'], departmentId: 'east', managedDepartmentIds: [] }, directory);
  return {
    owner: compiled.projectRecord(record, as('rep-a')),
    teammate: compiled.projectRecord(record, as('rep-b')),
  };
}
