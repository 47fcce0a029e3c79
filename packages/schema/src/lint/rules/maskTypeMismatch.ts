import type { LintRule } from '../lintRule.js';
import { maskFits, maskTargetKind } from '../maskFits.js';

export const maskTypeMismatch: LintRule = {
  code: 'mask-type-mismatch',
  severity: 'error',
  description:
    'The mask style cannot be applied to the field’s type (e.g. a range mask on a string, last4 on a boolean).',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.leaf && !maskFits(f.privacy.mask.style, f.kind, f.itemKind))
      .map((f) => ({
        path: f.path,
        message: `Mask "${f.privacy.mask.style}" does not fit a field of type ${maskTargetKind(f)}: choose a mask for ${maskTargetKind(f)} values (e.g. "redact").`,
      })),
};
