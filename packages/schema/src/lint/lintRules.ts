import type { LintRule } from './lintRule.js';
import { basisMissing } from './rules/basisMissing.js';
import { branchPrivacyConflict } from './rules/branchPrivacyConflict.js';
import { freeTextUnscanned } from './rules/freeTextUnscanned.js';
import { identityDocument } from './rules/identityDocument.js';
import { looksPersonalUnannotated } from './rules/looksPersonalUnannotated.js';
import { maskTypeMismatch } from './rules/maskTypeMismatch.js';
import { personalExampleValue } from './rules/personalExampleValue.js';
import { purposeMissing } from './rules/purposeMissing.js';
import { requiredHiddenFromCreator } from './rules/requiredHiddenFromCreator.js';
import { restrictedExportable } from './rules/restrictedExportable.js';
import { restrictedUnencrypted } from './rules/restrictedUnencrypted.js';
import { retentionMissing } from './rules/retentionMissing.js';
import { searchExactOnFreeText } from './rules/searchExactOnFreeText.js';
import { sensitiveLevelLow } from './rules/sensitiveLevelLow.js';
import { sensitiveWithoutConsent } from './rules/sensitiveWithoutConsent.js';

/** Every lint rule, in the order their findings are reported. */
export const LINT_RULES: readonly LintRule[] = [
  purposeMissing,
  basisMissing,
  maskTypeMismatch,
  restrictedExportable,
  requiredHiddenFromCreator,
  looksPersonalUnannotated,
  retentionMissing,
  identityDocument,
  sensitiveWithoutConsent,
  sensitiveLevelLow,
  freeTextUnscanned,
  searchExactOnFreeText,
  restrictedUnencrypted,
  branchPrivacyConflict,
  personalExampleValue,
];

/** Codes reported by `lintTemplate` itself rather than by a rule. */
export const LINT_META_CODES = {
  /** The template does not parse; the parser's code and message follow. Error. */
  parse: 'parse',
  /** `lint.acknowledge` names an error finding; errors cannot be acknowledged. Error. */
  acknowledgeError: 'acknowledge-error',
  /** `lint.acknowledge` names a finding that does not occur (stale or mistyped). Warning. */
  acknowledgeUnmatched: 'acknowledge-unmatched',
} as const;
