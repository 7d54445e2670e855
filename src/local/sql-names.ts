/**
 * Storage conventions shared by every part of the local server: how Appwrite tables, columns and
 * indexes are named in SQLite. One SQL table per Appwrite table, one real SQL index per index.
 *
 * Value encoding in row tables:
 *   boolean -> INTEGER 0/1; integer -> INTEGER; float -> REAL;
 *   datetime -> TEXT `YYYY-MM-DDTHH:MM:SS.mmm+00:00` (UTC, fixed width, so text order = time order);
 *   string family (string, varchar, text..., email, url, ip, enum) -> TEXT COLLATE NOCASE
 *   (MariaDB's default collation compares case-insensitively; so do we, and unique indexes follow);
 *   array columns -> TEXT holding a JSON array; NULL -> NULL.
 */

/** SQL names of Appwrite's system fields in every row table. */
export const SYSTEM_COLUMNS = {
  $id: '_id',
  $sequence: '_seq',
  $createdAt: '_createdAt',
  $updatedAt: '_updatedAt',
  $permissions: '_permissions',
} as const;

export type SystemField = keyof typeof SYSTEM_COLUMNS;

export function isSystemField(key: string): key is SystemField {
  return Object.prototype.hasOwnProperty.call(SYSTEM_COLUMNS, key);
}

/** Row tables are named by internal sequence numbers, so Appwrite ids never need escaping there. */
export function rowTableName(databaseSeq: number, tableSeq: number): string {
  return `rows_${databaseSeq}_${tableSeq}`;
}

export function columnSqlName(key: string): string {
  return `c_${key}`;
}

export function indexSqlName(rowTable: string, indexKey: string): string {
  return `${rowTable}__i_${indexKey}`;
}

/** The FTS5 table (external content on the row table, rowid = _seq) behind a fulltext index. */
export function ftsTableName(rowTable: string, indexKey: string): string {
  return `${rowTable}__fts_${indexKey}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
