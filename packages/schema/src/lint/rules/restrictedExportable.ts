import type { LintRule } from '../lintRule.js';

export const restrictedExportable: LintRule = {
  code: 'restricted-exportable',
  severity: 'error',
  description: 'A restricted field may not be exported in clear (`export: allow`).',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.privacy.level === 'restricted' && f.privacy.export === 'allow')
      .map((f) => ({
        path: f.path,
      })),
};
