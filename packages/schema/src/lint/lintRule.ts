import type { LintSeverity, SanitizedTemplate } from '../sanitized.js';
import type { Template } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import type { LintParams } from './lintMessages.js';

/** What a rule sees: the template as written, the same template sanitized, and the workspace policy. */
export interface LintContext {
  /** The template as the author wrote it (branches, `$ref`s and `$defs` still in place). */
  template: Template;
  /** The template after `parseTemplate`: every default resolved. */
  sanitized: SanitizedTemplate;
  policy: WorkspacePolicy;
}

/** One place where a rule applies. */
export interface LintHit {
  /** Schema path of the field (or JSON pointer into the template) where the rule applies. */
  path: string;
  /**
   * What is wrong and what to do, in English; never a protected value. Leave it out when the
   * rule's code has a text in `LINT_MESSAGES`: the message is then filled from it and `params`.
   */
  message?: string;
  /** The variable parts of the message (see `LintParams`). */
  params?: LintParams;
}

/** One lint rule: a stable code, a fixed severity and a check. */
export interface LintRule {
  /** Stable code, used in acknowledgements (`lint.acknowledge[].code`). */
  code: string;
  /** Errors block publishing and cannot be acknowledged; warnings can be acknowledged. */
  severity: LintSeverity;
  /** One sentence for documentation and the builder's help panel. */
  description: string;
  /** Every place in the template where the rule applies, in field order. */
  check(ctx: LintContext): LintHit[];
}
