export type { AppRouter } from './appRouter.js';
export { appRouter } from './appRouter.js';
export {
  GENERIC_INTERNAL_MESSAGE,
  TRPC_CODE_OF,
  VeilError,
  type VeilErrorCode,
  type VeilIssue,
} from './errors/veilError.js';
export { CSRF_HEADER } from './http/createRequestHandler.js';
export { CONTENT_SECURITY_POLICY } from './http/securityHeaders.js';
export { createLogger, type LogEntry, type Logger } from './log/logger.js';
export {
  DEMO_PASSWORD,
  DEMO_TEMPLATE,
  DEMO_USERS,
  type DemoLocale,
  type SeedDemoOptions,
} from './seed/seedDemo.js';
export { DEFAULT_SERVER_CONFIG, type ServerConfig } from './services/services.js';
export { type RunningServer, type StartServerOptions, startServer } from './startServer.js';
export type { VeilErrorData } from './trpc.js';
