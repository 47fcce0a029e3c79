export * from './audit/auditChain.js';
export * from './fs/fileSystem.js';
export * from './keys/createKeyring.js';
export * from './keys/loadKeys.js';
export * from './lowdb/durableJsonAdapter.js';
export * from './lowdb/openLowdbStore.js';
export * from './records/normalizeExact.js';
export * from './store.js';
