import { parseTemplate } from '../parse/index.js';
import type { LintFinding, LintReport, SanitizedTemplate } from '../sanitized.js';
import type { Template } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import { fillLintText, LINT_MESSAGES, type LintParams } from './lintMessages.js';
import type { LintContext } from './lintRule.js';
import { LINT_META_CODES, LINT_RULES } from './lintRules.js';

/** A finding of a code, its English message filled from `LINT_MESSAGES` unless the rule wrote one. */
function finding(
  base: Omit<LintFinding, 'message' | 'params'>,
  params: LintParams | undefined,
  message: string | undefined,
): LintFinding {
  const text = LINT_MESSAGES[base.code]?.en;
  return {
    ...base,
    message: message ?? (text === undefined ? base.code : fillLintText(text, params, 'en')),
    ...(params !== undefined ? { params } : {}),
  };
}

/**
 * Lint a template against the workspace policy. Parse errors come back as `parse` error findings
 * (message `<parser code>: <parser message>`) and no rule runs; otherwise every rule of
 * `LINT_RULES` runs and `lint.acknowledge` marks matching warnings acknowledged.
 */
export function lintTemplate(template: Template, policy: WorkspacePolicy): LintReport {
  const parsed = parseTemplate(template, policy);
  if (parsed.status === 'error') {
    return {
      findings: parsed.errors.map((issue) =>
        finding(
          { code: LINT_META_CODES.parse, severity: 'error', path: issue.path },
          { detail: `${issue.code}: ${issue.message}` },
          undefined,
        ),
      ),
      publishable: false,
    };
  }
  return lintParsed(template, parsed.template, policy);
}

/**
 * `lintTemplate` for a template already parsed (the builder parses once per edit for its
 * preview): every rule of `LINT_RULES`, then the acknowledgement rules (only warnings can be
 * acknowledged; an acknowledgement that matches nothing is itself a warning). Messages are
 * English; `params` let `formatLintMessage` show them in another language.
 */
export function lintParsed(
  template: Template,
  sanitized: SanitizedTemplate,
  policy: WorkspacePolicy,
): LintReport {
  const ctx: LintContext = { template, sanitized, policy };
  const findings: LintFinding[] = LINT_RULES.flatMap((rule) =>
    rule
      .check(ctx)
      .map((hit) =>
        finding({ code: rule.code, severity: rule.severity, path: hit.path }, hit.params, hit.message),
      ),
  );
  findings.push(...applyAcknowledgements(findings, sanitized));
  return { findings, publishable: !findings.some((f) => f.severity === 'error') };
}

/** Marks acknowledged warnings in place; returns the findings about the acknowledgements themselves. */
function applyAcknowledgements(findings: LintFinding[], sanitized: SanitizedTemplate): LintFinding[] {
  const extra: LintFinding[] = [];
  const fieldName = (path: string) => sanitized.fields.find((f) => f.path === path)?.title ?? path;
  sanitized.acknowledgements.forEach((ack, index) => {
    const path = `/lint/acknowledge/${index}`;
    const params = { code: ack.code, field: fieldName(ack.path) };
    const matches = findings.filter((f) => f.code === ack.code && f.path === ack.path);
    if (matches.length === 0) {
      extra.push(
        finding({ code: LINT_META_CODES.acknowledgeUnmatched, severity: 'warning', path }, params, undefined),
      );
    }
    for (const match of matches) {
      if (match.severity === 'error') {
        extra.push(
          finding({ code: LINT_META_CODES.acknowledgeError, severity: 'error', path }, params, undefined),
        );
      } else {
        match.acknowledged = { reason: ack.reason };
      }
    }
  });
  return extra;
}
