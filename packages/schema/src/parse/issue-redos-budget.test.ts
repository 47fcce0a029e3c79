import { describe, expect, it } from 'vitest';
import { checkPattern } from './checkPattern.js';

describe('the ReDoS check refuses only patterns that backtrack super-linearly', () => {
  it.each([
    'Place',
    '\\.json$',
    '^[a-z][a-z0-9_-]*$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '^(\\+?86)?1[3-9]\\d{9}$',
    '^https?://',
    '^[\\u4e00-\\u9fa5]{2,10}$',
  ])('accepts %s', (pattern) => {
    expect(checkPattern(pattern)).toBeUndefined();
  });

  it('refuses f.*o (quadratic over a long input) and names the unanchored start and the repeat', () => {
    const problem = checkPattern('f.*o');
    expect(problem?.code).toBe('pattern-unsafe');
    expect(problem?.message).toContain('"^"');
    expect(problem?.message).toContain('super-linear');
  });

  it('refuses nested quantifiers and names them', () => {
    const problem = checkPattern('^(a+)+$');
    expect(problem?.code).toBe('pattern-unsafe');
    expect(problem?.message).toContain('"(a+)+"');
    expect(problem?.message).toContain('"a+"');
  });
});
