export * from './runStoreContract.js';
