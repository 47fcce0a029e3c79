export type StoreErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'INVALID'
  | 'CORRUPT'
  | 'CLOSED'
  | 'CONFIG'
  /** The data or keys folder is in use by another running store. */
  | 'LOCKED'
  /** The disk is full (ENOSPC): the write was refused and not stored; retry once space is free. */
  | 'STORAGE_FULL';

/** Errors of the store: a code and a message naming files or ids, never a value. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly isPublic = false;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
