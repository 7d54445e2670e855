/**
 * Appwrite's (MariaDB adapter's) hard limits and its row-width arithmetic, as pure functions of the
 * Model. The loader, the plan and the local server all use these numbers so that a schema that
 * validates locally is one the real server accepts.
 */
import type { Column, ColumnType, Table } from './types.js';

/** MariaDB's row size limit; Appwrite rejects a column when the estimate reaches it. */
export const ROW_BYTES_MAX = 65_535;
/** What Appwrite's internal columns ($id, $sequence, $permissions, ...) cost in every row. */
export const ROW_BYTES_INTERNAL = 1_067;
/** 1017 physical columns minus the 7 internal ones. */
export const MAX_COLUMNS = 1_010;
/** 64 MariaDB indexes minus the 6 Appwrite keeps for itself. */
export const MAX_INDEXES = 58;
/** Sum of index key lengths (bytes/chars per MariaDB's rule as Appwrite applies it). */
export const MAX_INDEX_KEY_LENGTH = 768;
export const MAX_INDEX_COLUMNS = 100;
/** Ids and column/index keys. */
export const MAX_KEY_LENGTH = 36;
/** Database and table names. */
export const MAX_NAME_LENGTH = 128;
export const MAX_PERMISSIONS = 100;
export const MAX_ENUM_ELEMENTS = 100;
export const MAX_ENUM_ELEMENT_LENGTH = 255;
export const MAX_LABEL_LENGTH = 36;
/** `varchar` size range; `string` (deprecated) accepts up to 1 GiB and becomes TEXT above 16381. */
export const VARCHAR_SIZE_MAX = 16_381;
export const STRING_SIZE_MAX = 1_073_741_824;
/** Minimum size for `encrypt: true` on string/varchar columns. */
export const ENCRYPT_MIN_SIZE = 150;
/** Appwrite rejects index keys that collide with MariaDB's own index names. */
export const RESERVED_INDEX_KEYS: ReadonlySet<string> = new Set(['primary', '_created_at', '_updated_at', '_tenant_id']);

/** Character capacity Appwrite stores for the fixed-size string formats. */
export const FIXED_STRING_SIZE: Readonly<Partial<Record<ColumnType, number>>> = {
  email: 254,
  url: 2_000,
  ip: 39,
  enum: 255,
};

/** Byte limits of the off-row text types (their limits count bytes, not characters). */
export const TEXT_BYTES_MAX: Readonly<Partial<Record<ColumnType, number>>> = {
  text: 65_535,
  mediumtext: 16_777_215,
  longtext: 4_294_967_295,
};

export const INT32_MAX = 2_147_483_647;

export type StringStorage = 'varchar' | 'text' | 'mediumtext' | 'longtext';

/**
 * The MariaDB column type Appwrite stores a free-text column as (api-facts: the legacy `string`
 * is VARCHAR up to 16381 characters, then TEXT, MEDIUMTEXT, LONGTEXT by size). Two columns with
 * the same storage hold the same data the same way, so the plan never replaces one with the other:
 * appwrite-cli can only push the legacy `string`, and a database pushed from our own export must
 * not look like one whose every varchar has to be dropped. undefined for the other types.
 */
export function stringStorage(column: Column): StringStorage | undefined {
  switch (column.type) {
    case 'varchar':
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return column.type;
    case 'string':
      if (column.size <= VARCHAR_SIZE_MAX) return 'varchar';
      if (column.size <= (TEXT_BYTES_MAX.text ?? 0)) return 'text';
      return column.size <= (TEXT_BYTES_MAX.mediumtext ?? 0) ? 'mediumtext' : 'longtext';
    default:
      return undefined;
  }
}

/** Same type, or a legacy `string` stored exactly as the other column is (see stringStorage). */
export function sameStoredType(a: Column, b: Column): boolean {
  if (a.type === b.type) return true;
  const storage = stringStorage(a);
  return storage !== undefined && storage === stringStorage(b);
}

/** MariaDB's varchar cost: 4 bytes per utf8mb4 char plus a 1- or 2-byte length prefix. */
function varcharBytes(size: number): number {
  return size * 4 + (size <= 255 ? 1 : 2);
}

/** The character capacity of a string-valued column, or undefined for non-string types. */
export function stringCapacity(column: Column): number | undefined {
  switch (column.type) {
    case 'string':
    case 'varchar':
      return column.size;
    case 'email':
    case 'url':
    case 'ip':
    case 'enum':
      return FIXED_STRING_SIZE[column.type];
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return TEXT_BYTES_MAX[column.type];
    default:
      return undefined;
  }
}

/** Bytes one column adds to Appwrite's row-size estimate (api-facts §4.3). */
export function columnRowBytes(column: Column): number {
  if (column.array) return 20;
  switch (column.type) {
    case 'boolean':
      return 1;
    case 'integer':
      // Appwrite stores an omitted max as int64 max, which needs the 8-byte BIGINT.
      return column.max !== undefined && column.max <= INT32_MAX ? 4 : 8;
    case 'bigint':
    case 'float':
      return 8;
    case 'datetime':
      return 7;
    case 'email':
    case 'url':
    case 'ip':
    case 'enum':
      return varcharBytes(FIXED_STRING_SIZE[column.type] ?? 0);
    case 'string':
      return column.size > VARCHAR_SIZE_MAX ? 20 : varcharBytes(column.size);
    case 'varchar':
      return varcharBytes(column.size);
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return 20;
  }
}

/** Appwrite's estimate of one row's width; a table is valid while this stays below ROW_BYTES_MAX. */
export function estimateRowBytes(table: Pick<Table, 'columns'>): number {
  let total = ROW_BYTES_INTERNAL;
  for (const column of table.columns) total += columnRowBytes(column);
  return total;
}

/**
 * What one index column contributes to the 768 key-length budget: the explicit length, else the
 * string capacity, 2 for floats (doubles) and 1 for anything else. Fulltext indexes are exempt.
 */
export function indexColumnKeyLength(column: Column | undefined, length: number | null, systemKey?: string): number {
  if (length !== null) return length;
  // $id is a 255-char string internally; $createdAt/$updatedAt are datetimes.
  if (column === undefined) return systemKey === '$id' ? 255 : 1;
  if (column.type === 'float') return 2;
  return stringCapacity(column) ?? 1;
}
