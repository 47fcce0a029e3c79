import { findBranchConflicts } from '../findBranchConflicts.js';
import type { LintRule } from '../lintRule.js';

export const branchPrivacyConflict: LintRule = {
  code: 'branch-privacy-conflict',
  severity: 'warning',
  description:
    'Branches of a oneOf / anyOf / allOf / if-then-else disagree about a field’s privacy; the strictest annotation applies everywhere.',
  check: ({ template }) =>
    findBranchConflicts(template.schema).map((path) => ({
      path,
    })),
};
