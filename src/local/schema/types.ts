/** In-memory shapes of the emulated project's metadata (what Appwrite keeps in its _metadata tables). */

export type ColumnKind =
  | 'boolean'
  | 'integer'
  | 'bigint'
  | 'float'
  | 'datetime'
  | 'email'
  | 'url'
  | 'ip'
  | 'enum'
  | 'string'
  | 'varchar'
  | 'text'
  | 'mediumtext'
  | 'longtext';

export const COLUMN_KINDS: readonly ColumnKind[] = [
  'boolean', 'integer', 'bigint', 'float', 'datetime', 'email', 'url', 'ip', 'enum',
  'string', 'varchar', 'text', 'mediumtext', 'longtext',
];

export type SchemaStatus = 'processing' | 'available' | 'deleting' | 'stuck' | 'failed';

export type IntegerValue = number | bigint;

export interface ColumnSpec {
  required: boolean;
  array: boolean;
  /** Characters for string/varchar (and the fixed sizes of email/url/ip/enum). */
  size?: number;
  min?: IntegerValue;
  max?: IntegerValue;
  /** null = no default. */
  default: unknown;
  elements?: string[];
  encrypt?: boolean;
  /** false = unsigned (inline columns only): values below 0 are out of range. */
  signed?: boolean;
}

export interface DatabaseMeta {
  seq: number;
  id: string;
  name: string;
  enabled: boolean;
  type: 'tablesdb' | 'legacy';
  createdAt: string;
  updatedAt: string;
}

export interface TableMeta {
  seq: number;
  dbSeq: number;
  databaseId: string;
  id: string;
  name: string;
  enabled: boolean;
  rowSecurity: boolean;
  permissions: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ColumnMeta {
  seq: number;
  tableSeq: number;
  key: string;
  kind: ColumnKind;
  status: SchemaStatus;
  error: string;
  spec: ColumnSpec;
  createdAt: string;
  updatedAt: string;
}

export type IndexType = 'key' | 'unique' | 'fulltext';

export interface IndexMeta {
  seq: number;
  tableSeq: number;
  key: string;
  type: IndexType;
  status: SchemaStatus;
  error: string;
  columns: string[];
  orders: string[];
  lengths: (number | null)[];
  createdAt: string;
  updatedAt: string;
}

export const STRING_KINDS: ReadonlySet<ColumnKind> = new Set([
  'email', 'url', 'ip', 'enum', 'string', 'varchar', 'text', 'mediumtext', 'longtext',
]);

export const FORMAT_OF: Partial<Record<ColumnKind, 'email' | 'url' | 'ip' | 'enum'>> = {
  email: 'email',
  url: 'url',
  ip: 'ip',
  enum: 'enum',
};

/** Fixed sizes Appwrite stores for the format types. */
export const FIXED_SIZE: Partial<Record<ColumnKind, number>> = {
  email: 254,
  url: 2000,
  ip: 39,
  enum: 255,
  text: 65535,
  mediumtext: 16777215,
  longtext: 2147483647,
};

export const INT64_MIN = -9223372036854775808n;
export const INT64_MAX = 9223372036854775807n;
export const INT32_MAX = 2147483647;
export const FLOAT_MIN = -1.7976931348623157e308;
export const FLOAT_MAX = 1.7976931348623157e308;
