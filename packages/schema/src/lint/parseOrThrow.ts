import { parseTemplate } from '../parse/index.js';
import type { SanitizedTemplate, ValidationIssue } from '../sanitized.js';
import type { Template } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';

/** Thrown by functions that need a valid template (`describeProcessing`, `diffTemplates`) when it does not parse. */
export class TemplateInvalidError extends Error {
  readonly code = 'TEMPLATE_INVALID';
  /** The parser's issues (paths, codes and messages; never a protected value). */
  readonly issues: ValidationIssue[];

  constructor(templateId: string, issues: ValidationIssue[]) {
    super(
      `Template "${templateId}" does not parse: ${issues
        .slice(0, 3)
        .map((i) => `${i.path || '/'} ${i.code}`)
        .join('; ')}${issues.length > 3 ? ` and ${issues.length - 3} more` : ''}; run lint for details.`,
    );
    this.name = 'TemplateInvalidError';
    this.issues = issues;
  }
}

/** `parseTemplate`, throwing `TemplateInvalidError` on failure. */
export function parseOrThrow(template: Template, policy: WorkspacePolicy): SanitizedTemplate {
  const parsed = parseTemplate(template, policy);
  if (parsed.status === 'error') throw new TemplateInvalidError(String(template.id), parsed.errors);
  return parsed.template;
}
