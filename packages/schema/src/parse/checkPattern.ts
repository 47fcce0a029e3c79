import { isSafePattern } from 'redos-detector';
import { createBoundedCache } from './boundedCache.js';
import { TEMPLATE_LIMITS } from './limits.js';
import type { ParseIssueCode } from './parseIssue.js';

type PatternProblem = { code: ParseIssueCode; message: string };

/** Verdicts by pattern text (a pure function of it); as many as one template may analyse. */
const verdicts = createBoundedCache<{ problem: PatternProblem | undefined }>(TEMPLATE_LIMITS.maxPatterns);

/**
 * `undefined` when the pattern compiles and cannot backtrack catastrophically. Remembered per
 * pattern: the analysis is costly and the builder re-parses the same patterns on every edit.
 */
export function checkPattern(pattern: string): PatternProblem | undefined {
  const known = verdicts.get(pattern);
  if (known !== undefined) return known.problem;
  const problem = analysePattern(pattern);
  verdicts.set(pattern, { problem });
  return problem;
}

function analysePattern(pattern: string): PatternProblem | undefined {
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
