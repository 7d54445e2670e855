export { diff, summarize } from './diff.js';
