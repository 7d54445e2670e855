export * from './types.js';
export * from './tool-tables.js';
export * from './int64.js';
