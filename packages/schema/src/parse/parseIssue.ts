import type { ValidationIssue } from '../sanitized.js';

/** Every code `parseTemplate` can return; stable, for tests, docs and clients. */
export type ParseIssueCode =
  /** The input is not JSON text or not a JSON value (functions, `undefined`, `NaN`, class instances). */
  | 'not-json'
  /** The template is not a JSON object. */
  | 'not-object'
  /** More than 2 MB of JSON, or a schema that expands past the node budget through `$ref`. */
  | 'too-large'
  /** More than 2,000 fields. */
  | 'too-many-fields'
  /** Nesting deeper than allowed (raw JSON or field tree). */
  | 'too-deep'
  /** A `__proto__`, `constructor` or `prototype` key anywhere. */
  | 'forbidden-key'
  /** The envelope (`id`, `version`, `views` …) does not match the template meta-schema. */
  | 'envelope-invalid'
  /** The `schema` is not a valid JSON Schema 2020-12 (Ajv, strict mode). */
  | 'schema-invalid'
  /** A keyword that is not JSON Schema 2020-12 nor a Veil extension. */
  | 'schema-keyword-unknown'
  /** A keyword Veil does not support in templates (`$id`, `$anchor`, `$dynamicRef`, nested `$defs` …). */
  | 'schema-keyword-unsupported'
  /** The schema's root is not `type: "object"`. */
  | 'schema-root-not-object'
  /** A malformed `x-privacy`. */
  | 'privacy-invalid'
  /** A malformed `x-i18n`. */
  | 'i18n-invalid'
  /** `x-privacy` where it cannot apply to a field (inside `oneOf`, `not`, `additionalProperties` …). */
  | 'annotation-misplaced'
  /** A child annotation weaker than its annotated ancestor's. */
  | 'annotation-weaker'
  /** An access or edit key that is not a role id, a role kind or `*`. */
  | 'role-unknown'
  /** A purpose that is not in the workspace's purposes. */
  | 'purpose-unknown'
  /** A `$ref` that does not point into this schema's `$defs`. */
  | 'ref-not-local'
  /** A `$ref` to another document (a URL or file): refused without being fetched. */
  | 'ref-remote'
  /** A keyword of an older draft (`definitions`, `dependencies`, tuple `items`, `id` …) that `migrateTemplate` rewrites. */
  | 'schema-draft-keyword'
  /** A `$ref` to a definition that does not exist. */
  | 'ref-unknown'
  /** `$ref`s that lead back to themselves. */
  | 'ref-cyclic'
  /** A validation keyword beside a `$ref` (only annotations may sit beside it). */
  | 'ref-sibling-unsupported'
  /** A `pattern` that does not compile. */
  | 'pattern-invalid'
  /** A `pattern` that can backtrack catastrophically (or could not be proven safe within budget). */
  | 'pattern-unsafe'
  /** A property named `*`, `_id` or containing `/`. */
  | 'property-name-reserved'
  /** `owner` does not resolve to a top-level leaf field. */
  | 'owner-unresolved'
  /** `due` does not resolve to a top-level leaf field. */
  | 'due-unresolved'
  /** `dueRules.closed.field` does not resolve to a top-level leaf field. */
  | 'due-rules-unresolved'
  /** `pool.after` does not resolve to a top-level leaf field. */
  | 'pool-unresolved'
  /** `recordTitle` does not resolve to a top-level leaf field. */
  | 'record-title-unresolved'
  /** A `subject` pointer does not resolve to a field. */
  | 'subject-unresolved'
  /** A view column, filter or sort does not resolve to a field. */
  | 'view-field-unresolved'
  /** Two views share an id. */
  | 'view-id-duplicate'
  /** A retention `after` that is neither `createdAt`/`updatedAt` nor a field in scope. */
  | 'retention-after-unresolved'
  /** Something went wrong inside the parser; the template is refused. */
  | 'internal-error';

/** Codes of the warnings of an accepted template: what Veil noticed and what to do about it. */
export type ParseWarningCode =
  /** A `format` Veil does not know: ignored (values are not checked against it). */
  | 'format-unknown'
  /** A type-specific keyword (`properties`, `minLength` …) on a schema without that `type`. */
  | 'keyword-without-type'
  /** A `prefixItems` tuple that does not say how many items it has. */
  | 'tuple-open'
  /** `required` names a property not declared beside it (declared in a branch, or nowhere). */
  | 'required-undeclared'
  /** `if` without `then`/`else`, or `then`/`else` without `if`: no effect. */
  | 'condition-incomplete'
  /** A property that also matches a `patternProperties` pattern: both schemas apply. */
  | 'property-matches-pattern'
  /** Any other note of the schema compiler about a construct that has no effect. */
  | 'schema-note';

/** A warning of an accepted template. */
export interface ParseWarning extends ValidationIssue {
  code: ParseWarningCode;
  /** Names and counts the message is built from, for `describeParseWarning` in any locale. */
  params: Record<string, string>;
}

/** A `ValidationIssue` whose code is one of {@link ParseIssueCode}. */
export interface ParseIssue extends ValidationIssue {
  code: ParseIssueCode;
}

export function parseIssue(path: string, code: ParseIssueCode, message: string): ParseIssue {
  return { path, code, message };
}
