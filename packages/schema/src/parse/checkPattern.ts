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
  let result: ReturnType<typeof isSafePattern> | undefined;
  try {
    // A step budget, not a timeout: the result must not depend on the machine's speed.
    result = isSafePattern(pattern, {
      unicode: true,
      maxSteps: TEMPLATE_LIMITS.patternMaxSteps,
      maxScore: TEMPLATE_LIMITS.patternMaxScore,
    });
  } catch {
    result = undefined;
  }
  if (result?.safe === true) return undefined;
  if (result === undefined || result.error === 'hitMaxSteps' || result.error === 'timedOut') {
    return {
      code: 'pattern-unsafe',
      message:
        'This pattern is too complex to be checked for catastrophic backtracking; split it into simpler patterns or shorten its repeated groups.',
    };
  }
  return { code: 'pattern-unsafe', message: unsafeMessage(result) };
}

/** The construct that backtracks, as the author wrote it, from the detector's first trail. */
function unsafeMessage(result: ReturnType<typeof isSafePattern>): string {
  const step = result.trails[0]?.trail[0];
  const quantifiers = [
    ...new Set([
      ...(step?.a.quantifierIterations ?? []).map((q) => q.node.source),
      ...(step?.b.quantifierIterations ?? []).map((q) => q.node.source),
    ]),
  ];
  // The detector models an unanchored start as an implicit lazy `[^]*?` before the pattern.
  const unanchored = quantifiers.includes('[^]*?');
  const named = quantifiers.filter((q) => q !== '[^]*?').map((q) => `"${q}"`);
  const parts = [step?.a.node.source, step?.b.node.source].filter(
    (s): s is string => s !== undefined && s !== '[^]',
  );
  const overlap =
    parts.length > 0 ? ` (both can match ${[...new Set(parts)].map((p) => `"${p}"`).join(' and ')})` : '';
  const where =
    named.length === 0
      ? 'the pattern has no "^" anchor, so every starting position is tried again'
      : `${named.join(' and ')} can match the same characters in more than one way${overlap}${unanchored ? ', and without a "^" anchor every starting position is tried again' : ''}`;
  return `This pattern takes super-linear time on a long input: ${where}. Anchor it with "^" … "$" and make repeated parts unable to overlap (e.g. "[^.]+\\." instead of ".*\\.").`;
}
