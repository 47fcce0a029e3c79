import type {
  AccessLevel,
  Basis,
  Category,
  ExportRule,
  Level,
  Relation,
  ResolvedMask,
  RetentionRule,
  SearchMode,
  XI18n,
} from './privacy.js';
import type { DueRules, JsonSchema, LintAcknowledgement, PoolRule, TemplateView } from './template.js';

/** The JSON type of a field's values. */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** Where a field's annotation came from. */
export type AnnotationSource =
  /** `x-privacy` on the field itself (or beside its `$ref`). */
  | 'explicit'
  /** Inherited from the nearest annotated ancestor. */
  | 'inherited'
  /** No annotation anywhere above: `internal`. */
  | 'default'
  /** No annotation, but the name, title or format looks personal: `confidential` until annotated. */
  | 'looks-personal';

/** Every `x-privacy` key with its default resolved, per role of the workspace. */
export interface ResolvedPrivacy {
  level: Level;
  categories: Category[];
  purpose?: string;
  basis?: Basis;
  mask: ResolvedMask;
  /** Read access by role id, then by the principal's most specific relation to the record. */
  access: Record<string, Record<Relation, AccessLevel>>;
  /** Write permission by role id and relation (already false wherever access is not `full`). */
  edit: Record<string, Record<Relation, boolean>>;
  export: ExportRule;
  retention?: RetentionRule;
  encrypt: boolean;
  search: SearchMode;
  scan: boolean;
}

/** One node of the template's schema, flattened. Containers (objects, arrays of objects) are fields too. */
export interface SanitizedField {
  /**
   * Schema path: a JSON pointer over property names with `*` standing for "every item of
   * this array", e.g. segments `contacts`, `*`, `phone`. Items of an array of primitives are the array field itself.
   */
  path: string;
  /** `path` split into unescaped segments. */
  segments: string[];
  /** Path of the enclosing object or array field; `''` for top-level fields. */
  parent: string;
  kind: FieldKind;
  /**
   * For an array of primitives (a leaf array): the kind of its items, which masks apply to one
   * by one. Absent for every other field.
   */
  itemKind?: FieldKind;
  /** True for fields holding a value (not an object or an array of objects). */
  leaf: boolean;
  format?: string;
  enum?: unknown[];
  title: string;
  i18n: XI18n;
  /** Required in its parent object. */
  required: boolean;
  source: AnnotationSource;
  privacy: ResolvedPrivacy;
}

/** A template after `parseTemplate`: valid, `$ref`s inlined, every default resolved. */
export interface SanitizedTemplate {
  id: string;
  version: number;
  title: string;
  i18n: XI18n;
  description?: string;
  /** The schema with every `$ref` inlined and `$defs` removed; `x-privacy` kept as written. */
  schema: JsonSchema;
  uiSchema: Record<string, unknown>;
  views: TemplateView[];
  owner: string;
  due?: string;
  /** The due list's rules (see `Template.dueRules`). */
  dueRules?: DueRules;
  /** When a record not followed up falls into the pool (see `Template.pool`). */
  pool?: PoolRule;
  /** The field whose value titles a record (see `Template.recordTitle`). */
  recordTitle?: string;
  subject: string[];
  retention?: RetentionRule;
  /** Purposes whose fields are written only with the subject's consent (see `Template.requireConsent`). */
  requireConsent?: string[];
  acknowledgements: LintAcknowledgement[];
  /** Every field, depth first in schema order. */
  fields: SanitizedField[];
  /** The workspace policy version it was sanitized against. */
  policyVersion: number;
}

/** A validation failure as data: where (JSON pointer into the input), what, and what to do. */
export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
}

export type ParseResult =
  | {
      status: 'ok';
      template: SanitizedTemplate;
      /**
       * What Veil noticed in an accepted template, each with a suggested fix: unknown formats
       * (ignored), keywords without their type, open tuples, … Absent when there is nothing.
       */
      warnings?: ValidationIssue[];
    }
  | { status: 'error'; errors: ValidationIssue[] };

export type LintSeverity = 'error' | 'warning';

export interface LintFinding {
  code: string;
  severity: LintSeverity;
  /** JSON pointer into the template (schema path of the field where it applies). */
  path: string;
  /** In English; `formatLintMessage(finding, locale)` gives it in the reader's language. */
  message: string;
  /** The variable parts of the message, for `formatLintMessage`. */
  params?: Readonly<Record<string, string | readonly string[]>>;
  /** Set when the template acknowledges this warning. */
  acknowledged?: { reason: string };
}

export interface LintReport {
  findings: LintFinding[];
  /** False while any error finding remains: errors block publishing and cannot be acknowledged. */
  publishable: boolean;
}
