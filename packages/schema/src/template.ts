import type { RetentionRule, XI18n, XPrivacy } from './privacy.js';

/** A JSON Schema 2020-12 node; `x-privacy` and `x-i18n` may appear on any property. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  'x-privacy'?: XPrivacy;
  'x-i18n'?: XI18n;
  [keyword: string]: unknown;
}

/** Comparison operators a filter may use. */
export type FilterOp = 'eq' | 'neq' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'exists';
export const FILTER_OPS: readonly FilterOp[] = [
  'eq',
  'neq',
  'in',
  'lt',
  'lte',
  'gt',
  'gte',
  'contains',
  'exists',
];

/** One condition on a field, addressed by its schema path (`/stage`, `/contacts` + `/*` + `/name`). */
export interface FieldFilter {
  field: string;
  op: FilterOp;
  /** Omitted for `exists`; an array for `in`. */
  value?: unknown;
}

export interface SortKey {
  field: string;
  dir: 'asc' | 'desc';
}

/** What "done" does to a follow-up's next-contact date. */
export type DueDoneAction = { action: 'clear' } | { action: 'advance'; days: number };

/** How the due list treats records (see `Template.dueRules`). */
export interface DueRules {
  /**
   * Records whose `field` holds one of `values` are closed (won, lost …) and leave the due list,
   * for viewers who read that field in full; for others the due list is not available.
   */
  closed?: { field: string; values: string[] };
  /** What marking a follow-up done does to the due date (default: clear it). */
  onDone?: DueDoneAction;
}

/**
 * When a record falls into the shared pool (公海): after `afterDays` days without a follow-up,
 * counted from the date at `after` (a top-level date field, e.g. `/lastContactAt`).
 */
export interface PoolRule {
  /** Days without a follow-up after which the record goes to the pool. */
  afterDays: number;
  /** JSON pointer to the last follow-up's date (a top-level date field). */
  after: string;
}

/**
 * The owner id of a record in the shared pool (公海): no user has it, so the pool is nobody's
 * `owner` or `team`; reps see it only through the pool, as `any` (see `CompiledPolicy.projectPooled`).
 */
export const POOL_OWNER = '@pool';

/** A saved table view of a template. */
export interface TemplateView {
  id: string;
  title: string;
  i18n?: XI18n;
  /** Schema paths of the columns, in order. */
  columns: string[];
  filter?: FieldFilter[];
  sort?: SortKey[];
}

/** A lint warning the author accepts; the reason appears in the processing record. */
export interface LintAcknowledgement {
  code: string;
  path: string;
  reason: string;
}

/** A template as an author writes it (loose: defaults not yet resolved). */
export interface Template {
  id: string;
  version: number;
  title: string;
  i18n?: XI18n;
  description?: string;
  schema: JsonSchema;
  uiSchema?: Record<string, unknown>;
  views?: TemplateView[];
  /** JSON pointer to the field holding the owning user's id. */
  owner: string;
  /** JSON pointer to the next-contact date (behind "due today"). */
  due?: string;
  /** The due list's rules: which records are closed, what "done" does. */
  dueRules?: DueRules;
  /** When a record not followed up falls into the shared pool (公海). */
  pool?: PoolRule;
  /** JSON pointer to the field whose value titles a record (e.g. the company), outside any array. */
  recordTitle?: string;
  /** Pointers to the fields that identify the person (access and erasure requests). */
  subject?: string[];
  /** Default retention for personal fields without their own. */
  retention?: RetentionRule;
  /**
   * Purposes (workspace purpose ids) that need the person's recorded consent: a write of a field
   * with one of these purposes is refused unless a `subject` value of the record (of the same
   * array item, inside arrays) has consent for it. Needs `subject`.
   */
  requireConsent?: string[];
  lint?: { acknowledge?: LintAcknowledgement[] };
}
