/**
 * The canonical, normalized description of an Appwrite database.
 *
 * Both the YAML loader and the live introspector produce exactly this shape, so the diff never sees
 * YAML nodes or SDK responses. Everything is plain readonly data; lists are in a canonical order
 * (tables by id, columns and indexes in declaration order) so that equal models compare equal.
 */

export type ColumnType =
  | 'boolean'
  | 'integer'
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

export const COLUMN_TYPES: readonly ColumnType[] = [
  'boolean',
  'integer',
  'float',
  'datetime',
  'email',
  'url',
  'ip',
  'enum',
  'string',
  'varchar',
  'text',
  'mediumtext',
  'longtext',
];

/** Column types whose values are strings and can carry a fulltext index. */
export const STRING_FAMILY: ReadonlySet<ColumnType> = new Set<ColumnType>([
  'string',
  'varchar',
  'text',
  'mediumtext',
  'longtext',
]);

export type DefaultValue = string | number | boolean | null;

export interface EnumElement {
  readonly value: string;
  /** Documentation only: feeds generated types and docs, never sent to Appwrite. */
  readonly description?: string;
}

interface ColumnBase {
  readonly key: string;
  readonly required: boolean;
  readonly array: boolean;
  /** `null` means "no default". */
  readonly default: DefaultValue;
  /** Documentation only. */
  readonly description?: string;
  /** Declared previous key: the diff turns a missing old key plus this column into a rename. */
  readonly renamedFrom?: string;
}

export interface BooleanColumn extends ColumnBase {
  readonly type: 'boolean';
}
export interface IntegerColumn extends ColumnBase {
  readonly type: 'integer';
  /** `undefined` means Appwrite's unbounded default (int64 range). */
  readonly min?: number;
  readonly max?: number;
}
export interface FloatColumn extends ColumnBase {
  readonly type: 'float';
  readonly min?: number;
  readonly max?: number;
}
export interface DatetimeColumn extends ColumnBase {
  readonly type: 'datetime';
}
export interface FormatColumn extends ColumnBase {
  readonly type: 'email' | 'url' | 'ip';
}
export interface EnumColumn extends ColumnBase {
  readonly type: 'enum';
  readonly elements: readonly EnumElement[];
}
export interface SizedStringColumn extends ColumnBase {
  readonly type: 'string' | 'varchar';
  readonly size: number;
  readonly encrypt: boolean;
}
export interface TextColumn extends ColumnBase {
  readonly type: 'text' | 'mediumtext' | 'longtext';
  readonly encrypt: boolean;
}

export type Column =
  | BooleanColumn
  | IntegerColumn
  | FloatColumn
  | DatetimeColumn
  | FormatColumn
  | EnumColumn
  | SizedStringColumn
  | TextColumn;

export type IndexType = 'key' | 'unique' | 'fulltext';
export type IndexOrder = 'asc' | 'desc';

/** Index column lists may name these system fields besides user columns. */
export const SYSTEM_INDEXABLE = ['$id', '$createdAt', '$updatedAt'] as const;

export interface Index {
  readonly key: string;
  readonly type: IndexType;
  readonly columns: readonly string[];
  /** One per column. */
  readonly orders: readonly IndexOrder[];
  /** One per column; `null` = the whole column. */
  readonly lengths: readonly (number | null)[];
  readonly description?: string;
}

export interface Table {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly rowSecurity: boolean;
  /** Table-level permission strings, e.g. `create("users")`, sorted. */
  readonly permissions: readonly string[];
  readonly columns: readonly Column[];
  readonly indexes: readonly Index[];
  readonly description?: string;
}

export interface Database {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  /** Sorted by id. */
  readonly tables: readonly Table[];
  /**
   * Tables that must be deleted from the live database. A live table that is neither declared nor
   * listed here is left alone: deletion is always explicit.
   */
  readonly removedTables: readonly string[];
}
