import { StoreError } from '@veil/store';
import { STORAGE_FULL_MESSAGE, VeilError } from '../errors/veilError.js';

/** Runs a store call, turning the store's expected failures into Veil errors (never its message). */
export async function withStore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StoreError) {
      switch (error.code) {
        case 'NOT_FOUND':
          throw new VeilError('not-found', 'No such record.', { cause: error });
        case 'VERSION_CONFLICT':
          throw new VeilError(
            'conflict',
            'Someone changed this record meanwhile; reload it and apply your change again.',
            {
              cause: error,
            },
          );
        case 'CONFLICT':
          throw new VeilError('conflict', 'This already exists.', { cause: error });
        case 'STORAGE_FULL':
          throw new VeilError('storage-full', STORAGE_FULL_MESSAGE, { cause: error });
        case 'INVALID':
          throw new VeilError('invalid-input', 'The store refused this change as invalid.', { cause: error });
        default:
          throw new VeilError('internal', 'store failure', { cause: error });
      }
    }
    throw error;
  }
}
