import { parseTemplate, type Template, type WorkspacePolicy } from '@veil/schema';
import { capabilitiesOf } from '../capabilities/capabilitiesOf.js';

/** Why a new workspace policy version may not replace the current one. */
export interface PolicyChangeRefusal {
  /** JSON pointer into the new policy (`/roles/rep`, `/capabilities/workspace.manage`), or `/templates/<id>`. */
  path: string;
  code: 'template-broken' | 'role-in-use' | 'no-workspace-manager' | 'duplicate-role';
  /** Names the template, role or capability by title; never a record value. */
  message: string;
}

/** What `checkPolicyChange` needs to know besides the two versions. */
export interface PolicyChangeContext {
  /** The latest published version of every template. */
  templates: readonly { templateId: string; version: number; template: Template }[];
  /** Active users and their role ids. */
  users: readonly { roles: readonly string[] }[];
}

const title = (role: { id: string; title?: string; i18n?: Record<string, { title?: string }> }) =>
  role.i18n?.en?.title ?? role.title ?? role.id;

/**
 * Refuses a workspace policy change that would break a published template (it no longer
 * parses), take away a role some user holds, or leave no active user able to manage the
 * workspace (`workspace.manage`). Empty when the change may be saved.
 */
export function checkPolicyChange(
  current: WorkspacePolicy,
  next: WorkspacePolicy,
  context: PolicyChangeContext,
): PolicyChangeRefusal[] {
  const refusals: PolicyChangeRefusal[] = [];
  const seen = new Set<string>();
  for (const role of next.roles) {
    if (seen.has(role.id))
      refusals.push({
        path: `/roles/${role.id}`,
        code: 'duplicate-role',
        message: `The role id "${role.id}" is used twice.`,
      });
    seen.add(role.id);
  }
  for (const doc of context.templates) {
    const parsed = parseTemplate(doc.template, next);
    if (parsed.status === 'error')
      refusals.push({
        path: `/templates/${doc.templateId}`,
        code: 'template-broken',
        message: `The published template "${doc.template.title}" (version ${doc.version}) would no longer parse (${parsed.errors.length} problem(s)); change the template first.`,
      });
  }
  for (const role of current.roles) {
    if (seen.has(role.id)) continue;
    const holders = context.users.filter((user) => user.roles.includes(role.id)).length;
    if (holders > 0)
      refusals.push({
        path: `/roles/${role.id}`,
        code: 'role-in-use',
        message: `The role "${title(role)}" is held by ${holders} user(s); give them another role first.`,
      });
  }
  const managers = context.users.filter((user) =>
    capabilitiesOf(next, user).workspace.includes('workspace.manage'),
  ).length;
  if (managers === 0)
    refusals.push({
      path: '/capabilities/workspace.manage',
      code: 'no-workspace-manager',
      message:
        'After this change no active user could manage the workspace policy (capability "workspace.manage").',
    });
  return refusals;
}
