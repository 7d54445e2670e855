export * from './types.js';
export * from './tool-tables.js';
