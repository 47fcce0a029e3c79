import type { LintRule } from '../lintRule.js';

export const freeTextUnscanned: LintRule = {
  code: 'free-text-unscanned',
  severity: 'warning',
  description: 'A free-text field is not scanned for phone numbers, ID numbers, bank cards and e-mails.',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.leaf && f.privacy.categories.includes('free-text') && !f.privacy.scan)
      .map((f) => ({
        path: f.path,
      })),
};
