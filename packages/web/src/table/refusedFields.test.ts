import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { refusedFields } from './refusedFields.js';

function refusal(data: unknown): TRPCClientError<never> {
  const error = new TRPCClientError<never>('This query uses fields you may not filter…');
  Object.assign(error, { data });
  return error;
}

describe('refusedFields', () => {
  it('lists the fields of a refused query once each, for naming them by title', () => {
    const error = refusal({
      veilCode: 'query-refused',
      issues: [
        { path: '/contacts/*/name', code: 'not-readable-in-full' },
        { path: '/contacts/*/name', code: 'not-readable-in-full' },
        { path: '/stage', code: 'not-readable-in-full' },
      ],
    });
    expect(refusedFields(error)).toEqual(['/contacts/*/name', '/stage']);
  });

  it('is empty for other errors', () => {
    expect(refusedFields(refusal({ veilCode: 'not-found', issues: [] }))).toEqual([]);
    expect(refusedFields(new Error('boom'))).toEqual([]);
  });
});
