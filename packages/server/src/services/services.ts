import type { Keyring } from '@veil/policy';
import type { Store } from '@veil/store';
import type { Logger } from '../log/logger.js';
import type { PolicyRegistry } from './policyRegistry.js';

/** Tunables; every default is in `DEFAULT_SERVER_CONFIG`. */
export interface ServerConfig {
  /** Served over TLS: cookies get `Secure`, responses carry HSTS. */
  tls: boolean;
  /** A session unused this long dies. */
  sessionIdleMs: number;
  /** A session dies this long after login, used or not. */
  sessionAbsoluteMs: number;
  /** Failed logins (per login name) before the account is locked. */
  lockoutThreshold: number;
  /** How long a lock lasts. */
  lockoutMs: number;
  /** Delay before answering a login after `failures` recent failures. */
  loginDelayMs: (failures: number) => number;
  /** How long a reveal grant lasts. */
  revealMs: number;
  /** How long an export request waits for approval before it expires. */
  exportRequestMs: number;
  /** How long an approved export may be downloaded; its file is deleted after. */
  exportDownloadMs: number;
  /** A share link's life when the sharer names none. TODO(workspace): a workspace policy setting. */
  shareDefaultMs: number;
  /** The longest a share link may live. TODO(workspace): a workspace policy setting. */
  shareMaxMs: number;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  tls: false,
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 3_600_000,
  lockoutThreshold: 5,
  lockoutMs: 15 * 60_000,
  loginDelayMs: (failures) => (failures <= 0 ? 0 : Math.min(250 * 2 ** (failures - 1), 4_000)),
  revealMs: 15 * 60_000,
  exportRequestMs: 7 * 86_400_000,
  exportDownloadMs: 24 * 3_600_000,
  shareDefaultMs: 3 * 86_400_000,
  shareMaxMs: 30 * 86_400_000,
};

/** What every procedure reaches through its context. */
export interface Services {
  store: Store;
  logger: Logger;
  config: ServerConfig;
  keyring: Keyring;
  policies: PolicyRegistry;
  /** The folder under the data folder where export files are built (never the audit log). */
  exportsDir: string;
  /** The folder under the data folder where uploaded sheets wait for their import. */
  importsDir: string;
  /** The clock; injectable for tests. */
  now: () => Date;
  newId: () => string;
  sleep: (ms: number) => Promise<void>;
}
