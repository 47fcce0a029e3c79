import type { LintRule } from '../lintRule.js';

export const restrictedUnencrypted: LintRule = {
  code: 'restricted-unencrypted',
  severity: 'warning',
  description: 'A restricted field turns encryption at rest off (PIPL Art. 51, GDPR Art. 32).',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.leaf && f.privacy.level === 'restricted' && !f.privacy.encrypt)
      .map((f) => ({
        path: f.path,
      })),
};
