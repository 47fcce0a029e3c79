import * as redos from 'redos-detector';
import { describe, expect, it, vi } from 'vitest';
import { checkPattern } from './checkPattern.js';

vi.mock('redos-detector', async (importOriginal) => {
  const actual = await importOriginal<typeof import('redos-detector')>();
  return { ...actual, isSafePattern: vi.fn(actual.isSafePattern) };
});

describe('checkPattern', () => {
  it('analyses each distinct pattern once and gives the same verdict again', () => {
    const analyse = vi.mocked(redos.isSafePattern);
    analyse.mockClear();
    expect(checkPattern('^(a+)+$')?.code).toBe('pattern-unsafe');
    expect(checkPattern('^(a+)+$')?.code).toBe('pattern-unsafe');
    expect(checkPattern('^[0-9]{6}$')).toBeUndefined();
    expect(checkPattern('^[0-9]{6}$')).toBeUndefined();
    expect(analyse).toHaveBeenCalledTimes(2);
    expect(checkPattern('([')?.code).toBe('pattern-invalid');
  });
});
