import type { LintRule } from '../lintRule.js';

export const looksPersonalUnannotated: LintRule = {
  code: 'looks-personal-unannotated',
  severity: 'warning',
  description:
    'A field whose name, title or format looks personal has no `x-privacy`; it is treated as confidential until annotated.',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.source === 'looks-personal')
      .map((f) => ({
        path: f.path,
      })),
};
