/**
 * The local server's query engine: parses Appwrite's `queries[]`, validates them against a table's
 * available columns with Appwrite's messages, and compiles them to SQLite SQL with bound parameters.
 */
export type {
  CompileOptions,
  LocalColumnType,
  ParsedQuery,
  QueryColumn,
  QueryTable,
  SelectPlan,
} from './types.js';
export { parseQueries, MAX_QUERIES, MAX_QUERY_LENGTH } from './parse.js';
export { compileSelect, compileSelection, totalFromPage, TOTAL_COUNT_CAP, DEFAULT_LIST_LIMIT } from './compile.js';
export { MAX_VALUES_PER_FILTER } from './filter.js';
export { sqlRegexp } from './regexp.js';
