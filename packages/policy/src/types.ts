import type { AccessLevel, FieldFilter, JsonSchema, Relation, RetentionAction, SortKey } from '@veil/schema';
import type { ScopeCondition } from './engine/scopeCondition.js';

/** Who is asking. Always taken from the session on the server, never from input. */
export interface Principal {
  id: string;
  /** Role ids from the workspace policy. */
  roles: string[];
  /** The department the principal belongs to. */
  departmentId: string | null;
  /** Departments the principal manages (their whole subtree counts as the principal's team). */
  managedDepartmentIds: string[];
  /** Display name, for watermarks only. */
  name?: string;
}

/** The department tree and who sits where; passed in by the caller, never read by this package. */
export interface Directory {
  /** Department id → parent id (`null` for a root). */
  parentOf: Readonly<Record<string, string | null>>;
  /** User id → department id. */
  departmentOf: Readonly<Record<string, string>>;
}

/** A principal with its team resolved once against the directory; every decision takes one. */
export interface Viewer {
  principal: Principal;
  /** The principal's own department and every department in the subtrees it manages. */
  teamDepartments: ReadonlySet<string>;
  /** Owner id → department id. */
  departmentOf: (userId: string) => string | undefined;
}

/** Keyed functions; the secrets stay with the caller. */
export interface Keyring {
  /** The `hash` mask: a keyed token; equal values give equal tokens. */
  hashToken: (value: string) => string;
  /** The blind index of a normalised whole value of a field marked `search: exact`. */
  blindIndex: (fieldPath: string, normalized: string) => string;
  /** An audit reference: a keyed reference to an id (never to a value). */
  auditRef: (id: string) => string;
}

/** A stored record of a template. Array items in `data` carry a server-assigned `_id`. */
export interface VeilRecord {
  id: string;
  templateId: string;
  /** The template version the record was last written under. */
  templateVersion: number;
  /** Optimistic concurrency version, incremented on every write. */
  version: number;
  createdAt: string;
  updatedAt: string;
  data: Record<string, unknown>;
}

/** A concrete JSON pointer to a value in a record's `data`; array items addressed by `_id`, not index: `/contacts/c1/phone`. */
export type ValuePointer = string;

/** What one principal may see of one record. */
export interface ProjectedRecord {
  id: string;
  templateVersion: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The principal's relation to the record. */
  relation: Relation;
  /** Hidden fields absent, masked fields masked. */
  data: Record<string, unknown>;
  /** Value pointers whose value in `data` is masked. */
  masked: ValuePointer[];
  /** Masked value pointers the principal may reveal with a reason. */
  revealable: ValuePointer[];
}

/** A form's schema for one principal and relation. */
export interface ProjectedForm {
  schema: JsonSchema;
  uiSchema: Record<string, unknown>;
}

/** A blind-index match: the whole value of a field marked `search: exact`. */
export interface ExactMatch {
  field: string;
  value: string;
}

export type AggregateOp = 'count' | 'min' | 'max' | 'sum';

export interface Aggregate {
  op: AggregateOp;
  /** Omitted for a plain `count`. */
  field?: string;
}

/** A table query as the client asks it; `guardQuery` decides whether it may run. */
export interface Query {
  filters?: FieldFilter[];
  sort?: SortKey[];
  /** Substring search over the named fields. */
  search?: { text: string; fields: string[] };
  match?: ExactMatch[];
  groupBy?: string[];
  aggregates?: Aggregate[];
}

export type QueryClause = 'filter' | 'sort' | 'search' | 'match' | 'groupBy' | 'aggregate';

export interface QueryRefusal {
  field: string;
  clause: QueryClause;
  reason: 'unknown-field' | 'not-readable-in-full' | 'no-blind-index' | 'not-a-value';
}

export type QueryGuardResult =
  | {
      status: 'allowed';
      /**
       * Everything the store needs to keep the query inside what the viewer may see: the row
       * scope, narrowed for blind-index matches to the relations that read each matched field in
       * full. The store applies it with the query, never after it.
       */
      scope: ScopeCondition;
      /** Per matched field, the relations on which the viewer reads it in full (already folded into `scope`). */
      matchScope: { field: string; relations: Relation[] }[];
    }
  | { status: 'refused'; refusals: QueryRefusal[] };

/** A change a client asks for: leaf value pointers (array items by `_id`) and their new values. */
export interface FieldChange {
  pointer: ValuePointer;
  value: unknown;
}

export interface WriteRefusal {
  pointer: ValuePointer;
  reason: 'unknown-field' | 'hidden' | 'masked' | 'read-only' | 'owner-field' | 'not-a-leaf';
}

export type WriteGuardResult = { status: 'allowed' } | { status: 'refused'; refusals: WriteRefusal[] };

export type ExportFormat = 'csv' | 'xlsx' | 'json';

export interface ExportRequest {
  /** Schema paths of the requested columns. */
  columns: string[];
  rowCount: number;
  format: ExportFormat;
  purpose: string;
  exportId: string;
  /** ISO time the export is made (passed in: the package reads no clock). */
  at: string;
}

/**
 * What a column holds across the file: `clear` and `masked` on every row that shows it,
 * `per-row` when it depends on the row's relation (see `ExportColumnPlan.byRelation`),
 * `dropped` when no row shows it.
 */
export type ColumnTreatment = 'clear' | 'masked' | 'per-row' | 'dropped';

/** What one cell of a row with a given relation holds: the value as read, masked, or nothing. */
export type CellTreatment = 'clear' | 'masked' | 'empty';

export interface ExportColumnPlan {
  field: string;
  treatment: ColumnTreatment;
  reason: string;
  /**
   * Per relation the viewer's row scope admits, how a row with that relation shows the column,
   * as the list view does: `clear` where the viewer reads it in full and the field exports,
   * `masked` where the viewer reads it masked or the field exports masked, `empty` where hidden.
   * Empty for a dropped column.
   */
  byRelation: Partial<Record<Relation, CellTreatment>>;
}

export type ApprovalReason = 'approval-field' | 'row-count' | 'restricted-column';

export interface ExportPlan {
  columns: ExportColumnPlan[];
  needsApproval: boolean;
  approvalReasons: ApprovalReason[];
  watermark: string;
}

/** What happened, for `auditDetails`. */
export type AuditChange =
  | { kind: 'read'; records: { record: VeilRecord }[] }
  | { kind: 'write'; record: VeilRecord; changedPaths: (string | number)[][] }
  | { kind: 'create'; record: VeilRecord }
  | { kind: 'delete'; record: VeilRecord }
  | { kind: 'reveal'; record: VeilRecord; pointer: ValuePointer; reasonId: string };

/** What the audit log may hold: ids, keyed references, schema paths, access levels. Never a value. */
export interface AuditDetails {
  records: { ref: string; id: string; fields: { path: string; access: AccessLevel }[] }[];
  [key: string]: unknown;
}

export interface RetentionStep {
  recordId: string;
  action: RetentionAction;
  /** Value pointers the action applies to; empty for a whole-record action. */
  pointers: ValuePointer[];
  /** Which rule fired: schema path of the annotated field or `template`. */
  rule: string;
  dueAt: string;
}
