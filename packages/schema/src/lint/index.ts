export {
  creatorRoles,
  effectiveRetention,
  isPersonalField,
  rankAccess,
  rankLevel,
  relationsInScope,
  retentionFromTemplate,
  SENSITIVE_CATEGORIES,
} from './fieldFacts.js';
export { findBranchConflicts } from './findBranchConflicts.js';
export type { LintContext, LintHit, LintRule } from './lintRule.js';
export { LINT_META_CODES, LINT_RULES } from './lintRules.js';
export { lintParsed, lintTemplate } from './lintTemplate.js';
export { MASK_FITS, maskFits, maskTargetKind } from './maskFits.js';
export { parseOrThrow, TemplateInvalidError } from './parseOrThrow.js';
