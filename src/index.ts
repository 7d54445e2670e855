/** The programmatic API of crm-schema. */
export * from './model/index.js';
export * from './errors.js';
export { VERSION } from './version.js';
