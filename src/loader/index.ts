/** Schema YAML -> canonical Model. `loadSchema` is pure; `readSchemaDir` is the file-system edge. */
export { loadSchema, type LoadResult, type SchemaFile } from './load-schema.js';
export { readSchemaDir } from './read-schema-dir.js';
export type { Problem } from './problem.js';
