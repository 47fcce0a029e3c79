import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { type Operator, openOperator } from '@veil/server';
import { StoreError } from '@veil/store';
import type { CliContext } from './cliContext.js';
import { CliError } from './cliError.js';

/** `--data` / `--keys` of the commands that open the store. */
export interface StoreFolderOptions {
  data?: string;
  keys?: string;
}

/** The data and keys folders: the option, else `VEIL_DATA_DIR` / `VEIL_KEYS_DIR`, else the defaults. */
export function storeFolders(
  ctx: CliContext,
  options: StoreFolderOptions,
): { dataDir: string; keysDir: string } {
  return {
    dataDir: resolve(ctx.cwd, options.data || ctx.env.VEIL_DATA_DIR || '.veil-data'),
    keysDir: resolve(ctx.cwd, options.keys || ctx.env.VEIL_KEYS_DIR || '.veil-keys'),
  };
}

/** Whether a data folder holds a store (its format marker). */
export function holdsStore(dataDir: string): boolean {
  return existsSync(join(dataDir, 'meta.json'));
}

function masterKeyOf(ctx: CliContext): Buffer | undefined {
  const value = ctx.env.VEIL_MASTER_KEY;
  if (!value) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new CliError('master-key-invalid', ctx.t('store.masterKey'));
  return key;
}

/** Who the audit log names for a command run at this terminal. */
function operatorActor(): string {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (a container): the actor stays generic.
  }
  return `operator:${name}`;
}

/**
 * Opens the store as the operator (taking its folder lock), runs `fn`, closes it. A running
 * server's lock, a missing store or a damaged file become errors that say what to do; the store
 * refuses before anything is written, so nothing is changed.
 */
export async function withOperator<T>(
  ctx: CliContext,
  options: StoreFolderOptions & { create?: boolean },
  fn: (operator: Operator) => Promise<T>,
): Promise<T> {
  const { dataDir, keysDir } = storeFolders(ctx, options);
  if (!options.create && !holdsStore(dataDir))
    throw new CliError('store-missing', ctx.t('store.missing', { path: dataDir }));
  const masterKey = masterKeyOf(ctx);
  let operator: Operator;
  try {
    operator = await openOperator({
      dataDir,
      keysDir,
      actor: operatorActor(),
      ...(masterKey ? { masterKey } : {}),
    });
  } catch (error) {
    if (error instanceof StoreError && error.code === 'LOCKED')
      throw new CliError('store-locked', ctx.t('store.locked', { path: dataDir }), 1, {
        cause: error,
        details: { holder: error.message },
      });
    if (error instanceof StoreError)
      throw new CliError(
        'store-unreadable',
        ctx.t('store.unreadable', { path: dataDir, reason: error.message }),
        1,
        {
          cause: error,
          details: { storeCode: error.code },
        },
      );
    throw error;
  }
  try {
    return await fn(operator);
  } finally {
    await operator.close();
  }
}
