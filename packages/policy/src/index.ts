export * from './capabilities/index.js';
export * from './engine/index.js';
export * from './export/index.js';
export * from './masks/index.js';
export * from './pii/index.js';
export * from './types.js';
export * from './workspace/index.js';
