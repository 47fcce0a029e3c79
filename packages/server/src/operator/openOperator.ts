import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { can } from '@veil/policy';
import type { WorkspaceCapability } from '@veil/schema';
import { createKeyring, type LowdbStore, openLowdbStore } from '@veil/store';
import { appRouter } from '../appRouter.js';
import { createLogger } from '../log/logger.js';
import { createPolicyRegistry } from '../services/policyRegistry.js';
import { DEFAULT_SERVER_CONFIG, type Services } from '../services/services.js';
import { createCallerFactory, type RequestContext } from '../trpc.js';

export interface OpenOperatorOptions {
  dataDir: string;
  keysDir: string;
  /** A 32-byte master key (`VEIL_MASTER_KEY`); default: the one in `keysDir`. */
  masterKey?: Buffer;
  /** The operator as the audit log names them (e.g. `operator:alice`). */
  actor: string;
  now?: () => Date;
}

/** The store opened by an operator at a terminal, and the app's procedures to change it with. */
export interface Operator {
  /** The store, with its maintenance operations (backup, restore, key rotation). */
  store: LowdbStore;
  actor: string;
  /**
   * The procedures, called as the operator holding every role the workspace policy grants
   * `capability` (the procedures' own capability checks still run; roles are never named).
   */
  callerWith(capability: WorkspaceCapability): Promise<OperatorCaller>;
  /** The roles that hold `capability` under the workspace policy. */
  rolesWith(capability: WorkspaceCapability): Promise<string[]>;
  close(): Promise<void>;
}

const createCaller = createCallerFactory(appRouter);

/** A tRPC caller of the app's procedures: every input check, policy check and audit entry runs. */
export type OperatorCaller = ReturnType<typeof createCaller>;

/**
 * Opens the store for a maintenance command (taking the folder lock, so a running server makes
 * this fail with `LOCKED` and nothing is touched) and offers the procedures a request would run.
 */
export async function openOperator(options: OpenOperatorOptions): Promise<Operator> {
  const now = options.now ?? (() => new Date());
  const store = await openLowdbStore({
    dataDir: options.dataDir,
    keysDir: options.keysDir,
    now,
    ...(options.masterKey ? { masterKey: options.masterKey } : {}),
  });
  const keyring = createKeyring(store.keys);
  const services: Services = {
    store,
    logger: createLogger(() => {}),
    config: DEFAULT_SERVER_CONFIG,
    keyring,
    policies: createPolicyRegistry(store, keyring),
    exportsDir: join(options.dataDir, 'exports'),
    importsDir: join(options.dataDir, 'imports'),
    now,
    newId: () => randomUUID(),
    sleep: (ms) => sleep(ms),
  };
  const rolesWith = async (capability: WorkspaceCapability) => {
    const policy = await services.policies.workspacePolicy();
    return policy.roles.map((r) => r.id).filter((id) => can(policy, { roles: [id] }, capability));
  };
  const req = { socket: { remoteAddress: 'cli' }, headers: {} } as unknown as IncomingMessage;
  return {
    store,
    actor: options.actor,
    rolesWith,
    async callerWith(capability) {
      const roles = await rolesWith(capability);
      const ctx: RequestContext = {
        services,
        req,
        res: {} as ServerResponse,
        tls: false,
        locale: 'en',
        session: {
          sessionKey: `operator:${randomUUID()}`,
          userId: options.actor,
          username: options.actor,
          principal: {
            id: options.actor,
            roles,
            departmentId: null,
            managedDepartmentIds: [],
            name: options.actor,
          },
        },
      };
      return createCaller(ctx);
    },
    close: () => store.close(),
  };
}
