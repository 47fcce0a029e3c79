import { effectiveRetention } from '../fieldFacts.js';
import type { LintRule } from '../lintRule.js';

export const retentionMissing: LintRule = {
  code: 'retention-missing',
  severity: 'warning',
  description:
    'A field with a personal category has no retention, neither its own nor the template’s (PIPL Art. 19, GDPR Art. 5(1)(e)).',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.leaf && f.privacy.categories.length > 0 && !effectiveRetention(f))
      .map((f) => ({
        path: f.path,
        params: { categories: f.privacy.categories },
      })),
};
