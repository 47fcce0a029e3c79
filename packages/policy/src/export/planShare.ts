import type { WorkspacePolicy } from '@veil/schema';
import type { CompiledPolicy } from '../engine/compilePolicy.js';
import type { ExportPlan, Principal, Viewer } from '../types.js';

/** The role a share's recipient holds: of kind `external`, in no access map by name. */
export const SHARE_RECIPIENT_ROLE = 'veil-share-recipient';

/**
 * The workspace policy with the share recipient's role added: kind `external`, a row scope that
 * admits the shared records (relation `any`: the recipient owns nothing and sits in no
 * department). Templates parsed and compiled against it plan what a recipient sees; access
 * maps reach the role through the `external` kind and `*`, never by name.
 */
export function shareRecipientPolicy(policy: WorkspacePolicy): WorkspacePolicy {
  if (policy.roles.some((role) => role.id === SHARE_RECIPIENT_ROLE)) return policy;
  return {
    ...policy,
    roles: [...policy.roles, { id: SHARE_RECIPIENT_ROLE, kind: 'external', rowScope: 'all' }],
  };
}

/** The recipient of one share as a viewer with no relation to any record. */
export function shareRecipientViewer(shareId: string, label: string): Viewer {
  const principal: Principal = {
    id: `share:${shareId}`,
    roles: [SHARE_RECIPIENT_ROLE],
    departmentId: null,
    managedDepartmentIds: [],
    name: label,
  };
  return { principal, teamDepartments: new Set(), departmentOf: () => undefined };
}

/** What a share may show of each field the sharer picked. */
export interface SharePlan {
  /** Fields shown, with `clear` or `masked`. */
  shown: { field: string; treatment: 'clear' | 'masked' }[];
  /** Fields the recipient may not see (hidden for `external`, or denied for export), with why. */
  refused: { field: string; reason: string }[];
  /** The export plan of the shown fields, for `compileExportRow`. */
  plan: ExportPlan;
}

/**
 * Plans a share for its recipient: the picked fields as an export to a principal of kind
 * `external` with no relation (`any`) — the field's read access for that principal, then its
 * `export` rule (a share is data leaving Veil). `compiled` must be compiled against
 * `shareRecipientPolicy(policy)`.
 */
export function planShare(
  compiled: CompiledPolicy,
  viewer: Viewer,
  request: { fields: string[]; shareId: string; purpose: string; at: string },
): SharePlan {
  const plan = compiled.planExport(
    {
      columns: request.fields,
      rowCount: 0,
      format: 'json',
      purpose: request.purpose,
      exportId: request.shareId,
      at: request.at,
    },
    viewer,
  );
  const shown: SharePlan['shown'] = [];
  const refused: SharePlan['refused'] = [];
  for (const column of plan.columns) {
    const cell = column.byRelation.any ?? 'empty';
    if (column.treatment === 'dropped' || cell === 'empty')
      refused.push({
        field: column.field,
        reason: column.treatment === 'dropped' ? column.reason : 'hidden',
      });
    else shown.push({ field: column.field, treatment: cell });
  }
  return { shown, refused, plan };
}
