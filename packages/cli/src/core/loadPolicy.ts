import { DEFAULT_WORKSPACE_POLICY, type WorkspacePolicy } from '@veil/schema';
import type { Translator } from '../i18n/translate.js';
import { CliError } from './cliError.js';
import { readJsonFile } from './readJsonFile.js';

/** Checks the shape the template functions rely on; the semantics are `@veil/schema`'s. */
function assertWorkspacePolicy(t: Translator, value: unknown, label: string): WorkspacePolicy {
  const v = value as Partial<WorkspacePolicy> | null;
  const ok =
    typeof v === 'object' &&
    v !== null &&
    typeof v.version === 'number' &&
    Array.isArray(v.roles) &&
    v.roles.every((r) => typeof r?.id === 'string' && typeof r.kind === 'string') &&
    Array.isArray(v.purposes) &&
    v.purposes.every((p) => typeof p?.id === 'string') &&
    typeof v.levelDefaults === 'object' &&
    v.levelDefaults !== null &&
    typeof v.editDefault === 'object' &&
    typeof v.exportApprovalRows === 'number';
  if (!ok) throw new CliError('policy-invalid', t('policy.invalid', { path: label }));
  return v as WorkspacePolicy;
}

/** The workspace policy in `path`, or the default one of `@veil/schema`. */
export function loadPolicy(t: Translator, path: string | undefined): WorkspacePolicy {
  if (path === undefined) return DEFAULT_WORKSPACE_POLICY;
  return assertWorkspacePolicy(t, readJsonFile(t, path), path);
}
