import { isConfidentialOrAbove } from '../fieldFacts.js';
import type { LintRule } from '../lintRule.js';

export const basisMissing: LintRule = {
  code: 'basis-missing',
  severity: 'error',
  description:
    'A confidential or restricted field must name its lawful basis (`basis`; PIPL Art. 13, GDPR Art. 6).',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.source === 'explicit' && isConfidentialOrAbove(f.privacy.level) && !f.privacy.basis)
      .map((f) => ({
        path: f.path,
        params: { level: f.privacy.level },
      })),
};
