import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKeyring, type FileSystem, openLowdbStore, type Store } from '@veil/store';
import { appRouter } from './appRouter.js';
import { startSessionPruning } from './auth/pruneSessions.js';
import { resolveSession } from './auth/resolveSession.js';
import { VeilError } from './errors/veilError.js';
import { expireExports } from './exports/expireExports.js';
import { handleExportRoute } from './exports/exportRoute.js';
import { clientAddressOf } from './http/clientAddress.js';
import { createRequestHandler } from './http/createRequestHandler.js';
import { guardConnections, serverTimeoutOptions } from './http/guardConnections.js';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './http/httpLimits.js';
import { sendHttpError } from './http/sendHttpError.js';
import { handleImportUploadRoute } from './imports/uploadRoute.js';
import { createLogger, type Logger } from './log/logger.js';
import { isEmptyStore } from './seed/isEmptyStore.js';
import { type SeedDemoOptions, seedDemo } from './seed/seedDemo.js';
import { createPolicyRegistry } from './services/policyRegistry.js';
import { DEFAULT_SERVER_CONFIG, type ServerConfig, type Services } from './services/services.js';
import { handleShareRoute } from './shares/shareRoute.js';
import type { RequestContext } from './trpc.js';

export interface StartServerOptions {
  /** Port; 0 picks a free one. Default 3000. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  dataDir: string;
  keysDir: string;
  /** A 32-byte master key from the environment or a KMS; default: the one in `keysDir`. */
  masterKey?: Buffer;
  /** PEM files; both set = HTTPS with HSTS. */
  tlsCert?: string;
  tlsKey?: string;
  /** The built web app; default none. */
  webRoot?: string | null;
  /** Seed the demo workspace on a never-used store: no users, templates or audit entries (default true). */
  seed?: boolean | SeedDemoOptions;
  /** Receives each JSON log line (default stdout). */
  logSink?: (line: string) => void;
  /** Overrides of session, lockout and reveal settings. */
  config?: Partial<ServerConfig>;
  /** The clock (tests). */
  now?: () => Date;
  /** Timeouts, connection caps and trusted proxies (default `DEFAULT_HTTP_LIMITS`). */
  http?: Partial<HttpLimits>;
  /** Tests: the store's file layer (a fault-injecting one); default the real file system. */
  storeFileSystem?: FileSystem;
}

export interface RunningServer {
  url: string;
  store: Store;
  logger: Logger;
  /** Whether this start seeded the demo workspace. */
  seeded: boolean;
  close(): Promise<void>;
}

const TOO_MANY_REQUESTS =
  'Too many requests at once from your address (同一地址的并发请求过多): wait a moment and try again (请稍后重试).';

function localeOf(req: IncomingMessage): 'zh-CN' | 'en' {
  return /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN';
}

/** Opens the store, seeds on first run, and listens. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const now = options.now ?? (() => new Date());
  const store = await openLowdbStore({
    dataDir: options.dataDir,
    keysDir: options.keysDir,
    now,
    ...(options.masterKey ? { masterKey: options.masterKey } : {}),
    ...(options.storeFileSystem ? { fs: options.storeFileSystem } : {}),
  });
  const keyring = createKeyring(store.keys);
  const logger = createLogger(options.logSink);
  const tls = Boolean(options.tlsCert && options.tlsKey);
  const services: Services = {
    store,
    logger,
    config: { ...DEFAULT_SERVER_CONFIG, ...options.config, tls },
    keyring,
    policies: createPolicyRegistry(store, keyring),
    exportsDir: join(options.dataDir, 'exports'),
    importsDir: join(options.dataDir, 'imports'),
    now,
    newId: () => randomUUID(),
    sleep: (ms) => sleep(ms),
  };
  let seeded = false;
  if (options.seed !== false && (await isEmptyStore(store))) {
    await seedDemo(services, typeof options.seed === 'object' ? options.seed : {});
    seeded = true;
    logger.log({ level: 'info', event: 'seed', note: 'demo workspace created' });
  }
  const pruning = await startSessionPruning(services);
  // Expired exports lose their files: at start, then every ten minutes.
  const sweepExports = () =>
    expireExports(services).catch(() =>
      logger.log({ level: 'error', event: 'job', note: 'export expiry failed' }),
    );
  await sweepExports();
  const exportSweep = setInterval(sweepExports, 10 * 60_000);
  exportSweep.unref();
  const handler = createRequestHandler({
    router: appRouter,
    logger,
    tls,
    webRoot: options.webRoot ?? null,
    createContext: async (req: IncomingMessage, res: ServerResponse): Promise<RequestContext> => ({
      services,
      req,
      res,
      tls,
      locale: localeOf(req),
      session: await resolveSession(services, req),
    }),
  });
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.http };
  let admit: (req: IncomingMessage, res: ServerResponse) => boolean = () => true;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!admit(req, res)) {
      logger.log({
        level: 'warn',
        event: 'http',
        client: clientAddressOf(req),
        status: 429,
        note: 'too many requests',
      });
      sendHttpError(res, new VeilError('too-many-requests', TOO_MANY_REQUESTS), null);
      return;
    }
    handleExportRoute(services, req, res, tls)
      .then(async (handled) => handled || (await handleShareRoute(services, req, res, tls)))
      .then(async (handled) => handled || (await handleImportUploadRoute(services, req, res, tls)))
      .then((handled) => (handled ? undefined : handler(req, res)))
      .catch(() => {
        logger.log({ level: 'error', event: 'http', errorCode: 'internal' });
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  };
  const server =
    tls && options.tlsCert && options.tlsKey
      ? createHttpsServer(
          {
            cert: readFileSync(options.tlsCert),
            key: readFileSync(options.tlsKey),
            ...serverTimeoutOptions(limits),
          },
          listener,
        )
      : createHttpServer(serverTimeoutOptions(limits), listener);
  admit = guardConnections(server, limits, logger);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  logger.log({ level: 'info', event: 'startup', note: tls ? 'https' : 'http' });
  return {
    url,
    store,
    logger,
    seeded,
    async close() {
      clearInterval(exportSweep);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pruning.stop();
      await store.close();
    },
  };
}
