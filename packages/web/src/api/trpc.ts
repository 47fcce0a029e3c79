import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veil/server';

/** The header every request must carry: a cross-site form cannot set it, so it defeats CSRF. */
export const CSRF_HEADER = 'x-veil-csrf';

let locale = 'zh-CN';

/** The server localizes titles and messages by `Accept-Language`; the app's choice wins over the browser's. */
export function setApiLocale(next: string): void {
  locale = next;
}

/** The tRPC client: same origin, session cookie, CSRF header, no batching (one request per call). */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpLink({
      url: '/trpc',
      // Queries as POST: search text and matched values never sit in a URL.
      methodOverride: 'POST',
      headers: () => ({ [CSRF_HEADER]: '1', 'accept-language': locale }),
      fetch: (url, init) => fetch(url, { ...(init as RequestInit), credentials: 'same-origin' }),
    }),
  ],
});

/** What the server said went wrong, safe to show (the server never puts a protected value in a message). */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The tRPC error code (`UNAUTHORIZED`, `NOT_FOUND`, …), if any. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : undefined;
  }
  return undefined;
}
