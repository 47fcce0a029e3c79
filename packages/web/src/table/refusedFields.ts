import { TRPCClientError } from '@trpc/client';

/** The fields a refused query named (`query-refused` issues), by path; empty for other errors. */
export function refusedFields(error: unknown): string[] {
  if (!(error instanceof TRPCClientError)) return [];
  const data = error.data as { veilCode?: unknown; issues?: unknown } | undefined;
  if (data?.veilCode !== 'query-refused' || !Array.isArray(data.issues)) return [];
  const paths = data.issues
    .map((i) => (i !== null && typeof i === 'object' ? (i as { path?: unknown }).path : undefined))
    .filter((p): p is string => typeof p === 'string');
  return [...new Set(paths)];
}
