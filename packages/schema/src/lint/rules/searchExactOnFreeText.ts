import type { LintRule } from '../lintRule.js';

export const searchExactOnFreeText: LintRule = {
  code: 'search-exact-on-free-text',
  severity: 'warning',
  description:
    'A free-text field has a blind index (`search: exact`): whole-text matches are useless and the index reveals which notes are equal.',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.privacy.categories.includes('free-text') && f.privacy.search === 'exact')
      .map((f) => ({
        path: f.path,
      })),
};
