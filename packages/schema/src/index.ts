export * from './privacy.js';
export * from './sanitized.js';
export * from './template.js';
export * from './workspacePolicy.js';
