export * from './types.js';
export * from './int64.js';
