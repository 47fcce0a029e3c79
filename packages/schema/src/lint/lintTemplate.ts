import { parseTemplate } from '../parse/index.js';
import type { LintFinding, LintReport, SanitizedTemplate } from '../sanitized.js';
import type { Template } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import type { LintContext } from './lintRule.js';
import { LINT_META_CODES, LINT_RULES } from './lintRules.js';

/**
 * Lint a template against the workspace policy. Parse errors come back as `parse` error findings
 * (message `<parser code>: <parser message>`) and no rule runs; otherwise every rule of
 * `LINT_RULES` runs and `lint.acknowledge` marks matching warnings acknowledged.
 */
export function lintTemplate(template: Template, policy: WorkspacePolicy): LintReport {
  const parsed = parseTemplate(template, policy);
  if (parsed.status === 'error') {
    return {
      findings: parsed.errors.map((issue) => ({
        code: LINT_META_CODES.parse,
        severity: 'error',
        path: issue.path,
        message: `${issue.code}: ${issue.message}`,
      })),
      publishable: false,
    };
  }
  return lintParsed(template, parsed.template, policy);
}

/**
 * `lintTemplate` for a template already parsed (the builder parses once per edit for its
 * preview): every rule of `LINT_RULES`, then the acknowledgement rules (only warnings can be
 * acknowledged; an acknowledgement that matches nothing is itself a warning).
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
      .map((hit) => ({ code: rule.code, severity: rule.severity, path: hit.path, message: hit.message })),
  );
  findings.push(...applyAcknowledgements(findings, sanitized.acknowledgements));
  return { findings, publishable: !findings.some((f) => f.severity === 'error') };
}

/** Marks acknowledged warnings in place; returns the findings about the acknowledgements themselves. */
function applyAcknowledgements(
  findings: LintFinding[],
  acknowledgements: readonly { code: string; path: string; reason: string }[],
): LintFinding[] {
  const extra: LintFinding[] = [];
  acknowledgements.forEach((ack, index) => {
    const path = `/lint/acknowledge/${index}`;
    const matches = findings.filter((f) => f.code === ack.code && f.path === ack.path);
    if (matches.length === 0) {
      extra.push({
        code: LINT_META_CODES.acknowledgeUnmatched,
        severity: 'warning',
        path,
        message: `Acknowledgement of "${ack.code}" at ${ack.path} matches no finding: remove it or fix its code or path.`,
      });
    }
    for (const finding of matches) {
      if (finding.severity === 'error') {
        extra.push({
          code: LINT_META_CODES.acknowledgeError,
          severity: 'error',
          path,
          message: `"${ack.code}" at ${ack.path} is an error and cannot be acknowledged: fix the template instead.`,
        });
      } else {
        finding.acknowledged = { reason: ack.reason };
      }
    }
  });
  return extra;
}
