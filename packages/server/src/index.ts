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
  type OpenOperatorOptions,
  type Operator,
  type OperatorCaller,
  openOperator,
} from './operator/openOperator.js';
export { createRecord } from './records/createRecord.js';
export { deleteRecord } from './records/deleteRecord.js';
export { handOverRecords } from './records/handOverRecords.js';
export { listDueToday, listRecords } from './records/listRecords.js';
export { readRecord, recordForm, recordHistory } from './records/readRecord.js';
export type { RecordsCaller } from './records/recordScene.js';
export { revealValue } from './records/revealValue.js';
export { updateRecord } from './records/updateRecord.js';
export { type FieldRead, type WhoReadOptions, whoRead } from './records/whoRead.js';
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
