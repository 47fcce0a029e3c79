import { SENSITIVE_CATEGORIES } from '../fieldFacts.js';
import type { LintRule } from '../lintRule.js';

export const sensitiveWithoutConsent: LintRule = {
  code: 'sensitive-without-consent',
  severity: 'warning',
  description:
    'Sensitive personal information (identity, financial, health, minor) rests on a basis other than consent; PIPL Art. 28–29 asks for separate consent.',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter(
        (f) =>
          f.leaf &&
          f.privacy.basis !== undefined &&
          f.privacy.basis !== 'consent' &&
          f.privacy.categories.some((c) => SENSITIVE_CATEGORIES.includes(c)),
      )
      .map((f) => ({
        path: f.path,
        params: {
          categories: f.privacy.categories.filter((c) => SENSITIVE_CATEGORIES.includes(c)),
          basis: f.privacy.basis ?? '',
        },
      })),
};
