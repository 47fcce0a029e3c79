import { isConfidentialOrAbove } from '../fieldFacts.js';
import type { LintRule } from '../lintRule.js';

export const purposeMissing: LintRule = {
  code: 'purpose-missing',
  severity: 'error',
  description: 'A confidential or restricted field must say why it is collected (`purpose`).',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.source === 'explicit' && isConfidentialOrAbove(f.privacy.level) && !f.privacy.purpose)
      .map((f) => ({
        path: f.path,
        params: { level: f.privacy.level },
      })),
};
