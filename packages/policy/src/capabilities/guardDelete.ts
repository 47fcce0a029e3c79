import type { Relation, WorkspacePolicy } from '@veil/schema';
import { can } from './capabilitiesOf.js';

/** Whether a record may be deleted by the principal. */
export type DeleteGuardResult =
  | { status: 'allowed' }
  | { status: 'refused'; reason: 'outside-scope' | 'not-granted'; capability: 'records.delete' };

/**
 * Whether the principal may delete a record it has `relation` to (`null`: outside its row scope,
 * where the record does not exist for it). Granted by `records.delete` per role and relation.
 */
export function guardDelete(
  policy: WorkspacePolicy,
  principal: { readonly roles: readonly string[] },
  relation: Relation | null,
): DeleteGuardResult {
  if (relation === null) return { status: 'refused', reason: 'outside-scope', capability: 'records.delete' };
  return can(policy, principal, 'records.delete', relation)
    ? { status: 'allowed' }
    : { status: 'refused', reason: 'not-granted', capability: 'records.delete' };
}
