import type { LintRule } from '../lintRule.js';

const IDENTITY_FORMATS = new Set(['cn-resident-id', 'passport', 'cn-passport', 'hk-id', 'tw-id']);
const IDENTITY_WORDS = /passport|护照|身份证|resident[-_ ]?id|id[-_ ]?card/i;

export const identityDocument: LintRule = {
  code: 'identity-document',
  severity: 'warning',
  description:
    'An identity document number (resident ID, passport …) is collected; a follow-up rarely needs one (minimisation, PIPL Art. 6).',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter(
        (f) =>
          f.leaf &&
          // An identity document by its format or its name, not by the `identity` category alone:
          // a customer's name is identity data but no document.
          ((f.format !== undefined && IDENTITY_FORMATS.has(f.format)) ||
            IDENTITY_WORDS.test(f.segments[f.segments.length - 1] ?? '') ||
            IDENTITY_WORDS.test(f.title)),
      )
      .map((f) => ({
        path: f.path,
      })),
};
