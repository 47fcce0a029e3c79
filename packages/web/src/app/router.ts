import { useSyncExternalStore } from 'react';

/** A parsed hash route: `#/records/t1/r9?x=1` → path segments and query. */
export interface Route {
  segments: string[];
  query: URLSearchParams;
}

function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?');
  return {
    segments: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

/** Builds a hash link from segments and an optional query. */
export function href(segments: string[], query?: Record<string, string | undefined>): string {
  const path = `#/${segments.map(encodeURIComponent).join('/')}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, v);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}
