import { isConfidentialOrAbove, SENSITIVE_CATEGORIES } from '../fieldFacts.js';
import type { LintRule } from '../lintRule.js';

export const sensitiveLevelLow: LintRule = {
  code: 'sensitive-level-low',
  severity: 'warning',
  description:
    'A field with a sensitive category (identity, financial, health, minor) is below confidential, so every colleague reads it in full.',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter(
        (f) =>
          f.leaf &&
          !isConfidentialOrAbove(f.privacy.level) &&
          f.privacy.categories.some((c) => SENSITIVE_CATEGORIES.includes(c)),
      )
      .map((f) => ({
        path: f.path,
        params: { level: f.privacy.level },
      })),
};
