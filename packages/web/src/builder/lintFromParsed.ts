import {
  LINT_META_CODES,
  LINT_RULES,
  type LintFinding,
  type LintReport,
  type SanitizedTemplate,
  type Template,
  type WorkspacePolicy,
} from '@veil/schema';

/**
 * `lintTemplate` without its own parse: the builder already parsed the template for the
 * preview, and parsing (Ajv compiling the schema) is the costly step of an edit. Same rules,
 * same acknowledgement semantics; the server lints again before it publishes.
 */
export function lintFromParsed(
  template: Template,
  sanitized: SanitizedTemplate,
  policy: WorkspacePolicy,
): LintReport {
  const ctx = { template, sanitized, policy };
  const findings: LintFinding[] = LINT_RULES.flatMap((rule) =>
    rule
      .check(ctx)
      .map((hit) => ({ code: rule.code, severity: rule.severity, path: hit.path, message: hit.message })),
  );
  const extra: LintFinding[] = [];
  sanitized.acknowledgements.forEach((ack, index) => {
    const path = `/lint/acknowledge/${index}`;
    const matches = findings.filter((f) => f.code === ack.code && f.path === ack.path);
    if (matches.length === 0)
      extra.push({
        code: LINT_META_CODES.acknowledgeUnmatched,
        severity: 'warning',
        path,
        message: `Acknowledgement of "${ack.code}" at ${ack.path} matches no finding: remove it or fix its code or path.`,
      });
    for (const finding of matches) {
      if (finding.severity === 'error')
        extra.push({
          code: LINT_META_CODES.acknowledgeError,
          severity: 'error',
          path,
          message: `"${ack.code}" at ${ack.path} is an error and cannot be acknowledged: fix the template instead.`,
        });
      else finding.acknowledged = { reason: ack.reason };
    }
  });
  findings.push(...extra);
  return { findings, publishable: !findings.some((f) => f.severity === 'error') };
}
