/**
 * The query module's public contract with the rest of the local server (see index.ts). Everything
 * here is plain data: the server describes a table, the module answers with SQL and bound params.
 */

export type LocalColumnType =
  | 'boolean'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'datetime'
  | 'string'
  | 'varchar'
  | 'text'
  | 'mediumtext'
  | 'longtext';

export interface QueryColumn {
  key: string;
  type: LocalColumnType;
  format?: 'email' | 'url' | 'ip' | 'enum';
  array: boolean;
  encrypt: boolean;
  elements?: readonly string[];
}

/** Only AVAILABLE columns are passed: a processing column is unknown to queries. */
export interface QueryTable {
  /** rows_<dbSeq>_<tableSeq> */
  sqlTable: string;
  /** By key. */
  columns: ReadonlyMap<string, QueryColumn>;
  /** Column key -> FTS5 table name; only AVAILABLE fulltext indexes whose columns are exactly [key]. */
  fulltext: ReadonlyMap<string, string>;
}

/** One query as sent on the wire; nested and/or hold ParsedQuery values. */
export interface ParsedQuery {
  method: string;
  attribute: string;
  values: unknown[];
}

export interface SelectPlan {
  /** SELECT <the row table's columns> ... WHERE ... ORDER BY ... LIMIT ? OFFSET ?; rows come in the requested order, also for cursorBefore. */
  sql: string;
  params: unknown[];
  /** SELECT COUNT(*) AS n FROM (SELECT 1 ... filters only ... LIMIT 5000) */
  countSql: string;
  countParams: unknown[];
  /** SELECT 1 ... filters only ... LIMIT 1 OFFSET 4999 (same params as countSql): a row means total = 5000. */
  capProbeSql: string;
  /** The page's window, which can make the count unnecessary (see totalFromPage). */
  window: { limit: number | undefined; offset: number; cursor: boolean };
  /** Column keys requested by Query.select; undefined = all. */
  select?: string[];
}

export interface CompileOptions {
  /** Loads a row by $id for cursor pagination (ignores permissions): the raw SQL row or undefined. */
  loadCursorRow(rowId: string): Record<string, unknown> | undefined;
  /** Extra WHERE clause (e.g. the row-security filter), ANDed in, with its own bound params. */
  extraWhere?: { sql: string; params: unknown[] };
  /** 25 when omitted for listRows; compileSelection has no default limit. */
  defaultLimit?: number;
}
