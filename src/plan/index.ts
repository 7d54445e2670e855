export type * from './types.js';
export { RISKS } from './types.js';
export { attachPrecheckResult, failedPrechecks } from './results.js';
export { fingerprintModel, canonicalJson } from './fingerprint.js';
export { parseSnapshot } from './snapshot.js';
