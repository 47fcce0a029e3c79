import { lintTemplate } from '../lint/lintTemplate.js';
import { parseOrThrow } from '../lint/parseOrThrow.js';
import type { Template } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import { buildProcessingRecord } from './buildProcessingRecord.js';
import type { ProcessingLocale, ProcessingRecord } from './processingRecord.js';
import { renderProcessingMarkdown } from './renderProcessingMarkdown.js';

export interface DescribeProcessingOptions {
  /** Language of titles and headings; default `zh-CN`. */
  locale?: ProcessingLocale;
}

/**
 * The record of processing for a template (GDPR Art. 30, PIPL Art. 55): structured, and as
 * printable Markdown. Throws `TemplateInvalidError` when the template does not parse.
 */
export function describeProcessing(
  template: Template,
  policy: WorkspacePolicy,
  options: DescribeProcessingOptions = {},
): { record: ProcessingRecord; markdown: string } {
  const sanitized = parseOrThrow(template, policy);
  const record = buildProcessingRecord(
    sanitized,
    policy,
    lintTemplate(template, policy),
    options.locale ?? 'zh-CN',
  );
  return { record, markdown: renderProcessingMarkdown(record) };
}
