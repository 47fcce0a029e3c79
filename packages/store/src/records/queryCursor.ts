import { StoreError } from '../store.js';

/** A keyset position: the sort keys and id of the last row of a page. */
export interface QueryCursor {
  k: unknown[];
  id: string;
}

export function encodeCursor(cursor: QueryCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(cursor: string): QueryCursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as QueryCursor;
    if (Array.isArray(parsed.k) && typeof parsed.id === 'string') return parsed;
  } catch {
    // reported below
  }
  throw new StoreError('INVALID', 'The cursor is not one this store issued.');
}
