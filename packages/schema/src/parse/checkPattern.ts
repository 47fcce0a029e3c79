import { isSafePattern } from 'redos-detector';
import { TEMPLATE_LIMITS } from './limits.js';
import type { ParseIssueCode } from './parseIssue.js';

/** `undefined` when the pattern compiles and cannot backtrack catastrophically. */
export function checkPattern(pattern: string): { code: ParseIssueCode; message: string } | undefined {
  try {
    // Ajv compiles patterns with the `u` flag.
    new RegExp(pattern, 'u');
  } catch {
    return {
      code: 'pattern-invalid',
      message: 'This pattern is not a valid regular expression (unicode mode); fix its syntax.',
    };
  }
  if (pattern.length > TEMPLATE_LIMITS.maxPatternLength) {
    return {
      code: 'pattern-unsafe',
      message: `This pattern is longer than ${TEMPLATE_LIMITS.maxPatternLength} characters and cannot be checked for catastrophic backtracking; shorten it.`,
    };
  }
  let safe = false;
  try {
    // A step budget, not a timeout: the result must not depend on the machine's speed.
    safe = isSafePattern(pattern, { unicode: true, maxSteps: TEMPLATE_LIMITS.patternMaxSteps }).safe;
  } catch {
    safe = false;
  }
  if (safe) return undefined;
  return {
    code: 'pattern-unsafe',
    message:
      'This pattern can backtrack catastrophically (or could not be proven safe); avoid nested or overlapping quantifiers such as (a+)+ or (a|a)*.',
  };
}
